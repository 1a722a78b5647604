import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { bucketStub, releaseLine, reserveLine, totals } from '../../durable-objects/stock/client'
import { conservationErrors } from '../../src/domain/stock/counts'
import { uid } from '../support/ids'
import { clearStockAlarms, FAR_LEASE } from '../support/stock'

afterEach(clearStockAlarms)

const ns = env.STOCK_ACTOR

const saleArb = fc.record({
  buckets: fc.integer({ min: 1, max: 5 }),
  // Units received per bucket: uneven on purpose, so homes run dry and borrow.
  stocked: fc.array(fc.nat(6), { minLength: 5, maxLength: 5 }),
  orders: fc.array(
    fc.record({
      buyer: fc.nat(12),
      qty: fc.integer({ min: 1, max: 3 }),
      cancel: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  ),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
})

/** A new line of `sale.buckets` buckets, each restocked with its share of `sale.stocked`. */
async function stockedLine(sale: { buckets: number; stocked: number[] }) {
  const key = { skuId: uid('sku'), warehouseId: 'wh1', buckets: sale.buckets }
  const units = sale.stocked.slice(0, sale.buckets)
  await Promise.all(
    units.map((qty, b) => (qty > 0 ? bucketStub(ns, key, b).restock(`in-${b}`, qty) : null)),
  )
  return { key, received: units.reduce((a, b) => a + b, 0) }
}

describe('borrowing between the buckets of a line', () => {
  it('never grants more than was received, conserves every bucket, and holds the limit', async () => {
    await fc.assert(
      fc.asyncProperty(saleArb, async (sale) => {
        const { key, received } = await stockedLine(sale)
        const lines = sale.orders.map((o) => ({
          ...key,
          orderId: uid('o'),
          userId: `buyer${o.buyer}`,
          qty: o.qty,
          leaseUntil: FAR_LEASE,
          ...(sale.limit === undefined ? {} : { perBuyerLimit: sale.limit }),
        }))
        const results = await Promise.all(lines.map((l) => reserveLine(ns, l)))
        // Some winners cancel while the others are still holding.
        await Promise.all(
          lines.map((l, i) => {
            const r = results[i]
            if (!r?.ok || !sale.orders[i]?.cancel) return null
            return releaseLine(ns, { ...l, allocations: r.allocations })
          }),
        )
        const held = lines.reduce((n, l, i) => {
          const r = results[i]
          return n + (r?.ok && !sale.orders[i]?.cancel ? l.qty : 0)
        }, 0)
        const after = await totals(ns, key)
        expect(after.counts.received).toBe(received)
        expect(after.counts.reserved).toBe(held)
        expect(after.counts.available).toBe(received - held)
        for (const bucket of after.buckets) expect(conservationErrors(bucket)).toEqual([])
        if (sale.limit !== undefined) {
          const perBuyer = new Map<string, number>()
          lines.forEach((l, i) => {
            // All were granted before any cancel: every grant counts against the limit.
            if (results[i]?.ok) {
              perBuyer.set(l.userId, (perBuyer.get(l.userId) ?? 0) + l.qty)
            }
          })
          for (const n of perBuyer.values()) expect(n).toBeLessThanOrEqual(sale.limit)
        }
      }),
      { numRuns: 20 },
    )
  }, 120_000)

  it('never tells a buyer the line is short while the units asked for are free in it', async () => {
    await fc.assert(
      fc.asyncProperty(saleArb, async (sale) => {
        const { key } = await stockedLine(sale)
        for (const o of sale.orders) {
          const line = { ...key, orderId: uid('o'), userId: `buyer${o.buyer}`, qty: o.qty }
          const result = await reserveLine(ns, { ...line, leaseUntil: FAR_LEASE })
          if (result.ok || result.code === 'PURCHASE_LIMIT_EXCEEDED') continue
          expect((await totals(ns, key)).counts.available).toBeLessThan(o.qty)
        }
      }),
      { numRuns: 20 },
    )
  }, 120_000)
})
