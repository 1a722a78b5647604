import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buyerToken, ledgerOf, merchantStep, type Order, ship } from '../support/after-sales'
import { address, createSku, createStore } from '../support/catalog'
import { spendSave, weightFreight } from '../support/checkout'
import { api } from '../support/http'
import { uid } from '../support/ids'
import { settle } from '../support/orders'

/** A paid order of random lines under a store discount that leaves uneven finals. */
async function randomPaidOrder(lines: { price: number; qty: number }[], off: number) {
  const storeId = await createStore()
  const skus: string[] = []
  for (const l of lines) skus.push(await createSku({ storeId, price: l.price, stock: 10 }))
  await weightFreight(storeId)
  const items = lines.reduce((a, l) => a + l.price * l.qty, 0)
  await spendSave('store', 1, Math.min(off, items - 1), { storeId, scope: { storeIds: [storeId] } })
  const buyer = uid('buyer')
  const placed = await api<Order>('POST', '/v1/orders', {
    token: await buyerToken(buyer),
    headers: { 'Idempotency-Key': uid('key') },
    body: { lines: skus.map((skuId, i) => ({ skuId, qty: lines[i]?.qty ?? 1 })), address },
  })
  expect(placed.status).toBe(201)
  const id = placed.body.id
  expect(
    (await api('POST', `/v1/orders/${id}/pay`, { token: await buyerToken(buyer) })).status,
  ).toBe(200)
  await settle(id)
  const paid = (await ledgerOf(id)).reduce(
    (a, [kind, amount]) => a + (kind === 'payment' ? Number(amount) : 0),
    0,
  )
  return { id, buyer, storeId, paid, freight: placed.body.amounts.freight.amount }
}

const refundsOf = async (id: string) =>
  (await ledgerOf(id)).reduce(
    (a, [kind, amount]) => a + (kind === 'refund' ? Number(amount) : 0),
    0,
  )

/** Units still on the order after its partial cancels, per line. */
type Lines = { lines: { lineNo: number; qty: number; cancelledQty: number }[] }

async function unitsLeft(id: string, buyer: string) {
  const order = await api<Lines>('GET', `/v1/orders/${id}`, { token: await buyerToken(buyer) })
  return order.body.lines
    .map((l) => ({ lineNo: l.lineNo, qty: l.qty - l.cancelledQty }))
    .filter((l) => l.qty > 0)
}

/** Everything left comes back after delivery: a refund of every remaining unit. */
async function refundTheRest(o: { id: string; buyer: string; storeId: string }) {
  await ship(o.id, o.storeId)
  const lines = await unitsLeft(o.id, o.buyer)
  const opened = await api<{ id: string }>('POST', `/v1/orders/${o.id}/after-sales`, {
    token: await buyerToken(o.buyer),
    body: { type: 'refund_only', lines, reason: 'not as described' },
  })
  expect(opened.status).toBe(201)
  expect((await merchantStep(o.id, o.storeId, opened.body.id, 'approve')).status).toBe(200)
  await settle(o.id)
}

const orderArb = fc.record({
  lines: fc.array(
    fc.record({
      price: fc.integer({ min: 100, max: 20_000 }),
      qty: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  off: fc.integer({ min: 1, max: 9_999 }),
  steps: fc.array(
    fc.record({ lineNo: fc.integer({ min: 1, max: 3 }), qty: fc.integer({ min: 1, max: 3 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  end: fc.constantFrom('cancel' as const, 'return' as const),
})

describe('partial cancel over HTTP (property)', () => {
  it('never refunds more than was paid, and exactly what was paid once everything is cancelled', async () => {
    await fc.assert(
      fc.asyncProperty(orderArb, async ({ lines, off, steps, end }) => {
        const o = await randomPaidOrder(lines, off)
        const buyer = await buyerToken(o.buyer)
        for (const step of steps) {
          const res = await api('POST', `/v1/orders/${o.id}/cancel-lines`, {
            token: buyer,
            headers: { 'Idempotency-Key': uid('cl-key') },
            body: { lines: [step], reason: 'changed my mind' },
          })
          // Units that do not exist or are gone are refused; nothing else may fail.
          expect([200, 400, 409]).toContain(res.status)
          await settle(o.id)
          expect(await refundsOf(o.id)).toBeLessThanOrEqual(o.paid)
        }
        const order = await api<Order>('GET', `/v1/orders/${o.id}`, { token: buyer })
        if (order.body.status === 'cancelled') {
          expect(await refundsOf(o.id)).toBe(o.paid)
          return
        }
        if (end === 'cancel') {
          const whole = await api<Order>('POST', `/v1/orders/${o.id}/cancel`, { token: buyer })
          expect(whole.body.status).toBe('cancelled')
          await settle(o.id)
          expect(await refundsOf(o.id)).toBe(o.paid)
          return
        }
        await refundTheRest(o)
        // Freight paid for goods that travelled is not refunded.
        expect(await refundsOf(o.id)).toBe(o.paid - o.freight)
      }),
      { numRuns: 10 },
    )
  })
})
