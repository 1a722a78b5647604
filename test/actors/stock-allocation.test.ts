import { env, runDurableObjectAlarm } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { SIBLINGS_EMPTY_MS } from '../../durable-objects/stock/borrowing'
import {
  bucketStub,
  checkLine,
  commitLine,
  purchaseLine,
  rebalanceLine,
  releaseLine,
  reserveFromWarehouses,
  reserveLine,
  restockLine,
  setOnHandLine,
  totals,
} from '../../durable-objects/stock/client'
import type { StockLedger } from '../../durable-objects/stock/ledger'
import { REDELIVER_MS, recordLend } from '../../durable-objects/stock/lending'
import { stockActorName } from '../../durable-objects/stock/names'
import { homeBucket } from '../../src/domain/stock/buckets'
import { conservationErrors } from '../../src/domain/stock/counts'
import { uid } from '../support/ids'
import {
  clearStockAlarms,
  expireLeases,
  FAR_LEASE,
  inStockActor,
  stockStub,
} from '../support/stock'

afterEach(clearStockAlarms)

const ns = env.STOCK_ACTOR

async function stockedLine(onHand: number, buckets = 4) {
  const key = { skuId: uid('sku'), warehouseId: 'wh1', buckets }
  if (onHand > 0) expect(await setOnHandLine(ns, { ...key, onHand })).toMatchObject({ ok: true })
  return key
}

function order(key: { skuId: string; warehouseId: string; buckets: number }, userId: string) {
  return { ...key, orderId: uid('order'), userId, qty: 1, leaseUntil: FAR_LEASE }
}

/** A buyer whose home bucket is `bucket`, to aim at an exact bucket. */
function buyerAt(bucket: number, buckets: number): string {
  for (let i = 0; ; i++) if (homeBucket(`buyer${i}`, buckets) === bucket) return `buyer${i}`
}

describe('reserveLine under a flash sale', () => {
  it('sells exactly 100 units to 500 concurrent buyers and conserves every count', async () => {
    const key = await stockedLine(100)
    const orders = Array.from({ length: 500 }, (_, i) => order(key, `user${i}`))
    const results = await Promise.all(orders.map((o) => reserveLine(ns, o)))
    const won = orders.flatMap((o, i) => {
      const r = results[i]
      return r?.ok ? [{ ...o, allocations: r.allocations }] : []
    })
    expect(won).toHaveLength(100)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(
      Array(400).fill('SOLD_OUT'),
    )
    expect((await totals(ns, key)).counts).toEqual({
      received: 100,
      available: 0,
      reserved: 100,
      sold: 0,
    })
    // A cancelled winner frees one unit; once the sold-out memory lapses, a buyer homed
    // elsewhere borrows it into its own home bucket.
    const [cancelled, ...paid] = won
    if (!cancelled) throw new Error('no winner')
    await releaseLine(ns, cancelled)
    const freed = cancelled.allocations[0]?.bucket ?? 0
    const home = (freed + 1) % 4
    await new Promise((r) => setTimeout(r, SIBLINGS_EMPTY_MS + 50))
    const last = order(key, buyerAt(home, 4))
    const lastResult = await reserveLine(ns, last)
    expect(lastResult).toEqual({ ok: true, allocations: [{ bucket: home, qty: 1 }] })
    if (lastResult.ok) paid.push({ ...last, allocations: lastResult.allocations })
    await Promise.all(paid.map((o) => commitLine(ns, o)))
    const sold = await totals(ns, key)
    expect(sold.counts).toEqual({ received: 100, available: 0, reserved: 0, sold: 100 })
    for (const bucket of sold.buckets) expect(conservationErrors(bucket)).toEqual([])
  })

  it('lets a buyer borrow the last unit from a sibling into its home bucket', async () => {
    const key = await stockedLine(0)
    await bucketStub(ns, key, 3).restock('last-unit', 1)
    const buyer = buyerAt(0, 4)
    expect(await reserveLine(ns, order(key, buyer))).toEqual({
      ok: true,
      allocations: [{ bucket: 0, qty: 1 }],
    })
    expect(await reserveLine(ns, order(key, buyerAt(3, 4)))).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      available: 0,
    })
  })

  it("serves buyers who waited on another buyer's borrowing while siblings still have units", async () => {
    const key = await stockedLine(0, 3)
    await bucketStub(ns, key, 1).restock('in-1', 1)
    await bucketStub(ns, key, 2).restock('in-2', 1)
    // Both arrive at the empty home together: the first borrows one unit, the second waits on it.
    const results = await Promise.all([
      reserveLine(ns, order(key, buyerAt(0, 3))),
      reserveLine(ns, order(key, buyerAt(0, 3))),
    ])
    expect(results).toEqual([
      { ok: true, allocations: [{ bucket: 0, qty: 1 }] },
      { ok: true, allocations: [{ bucket: 0, qty: 1 }] },
    ])
    expect((await totals(ns, key)).counts).toEqual({
      received: 2,
      available: 0,
      reserved: 2,
      sold: 0,
    })
  })

  it('asks a sibling again once it lent to it, rather than remember it empty', async () => {
    const key = await stockedLine(0, 2)
    await bucketStub(ns, key, 1).restock('in-1', 4)
    const atHome = (qty: number) => reserveLine(ns, { ...order(key, buyerAt(0, 2)), qty })
    // Bucket 0 borrows all 4 of bucket 1's units for a buyer of 6, finds it empty, refuses.
    expect(await atHome(6)).toEqual({ ok: false, code: 'INSUFFICIENT_STOCK', available: 4 })
    // A buyer at bucket 1 borrows back 2 (half of 4) and takes 1: bucket 1 keeps 1.
    expect(await reserveLine(ns, order(key, buyerAt(1, 2)))).toEqual({
      ok: true,
      allocations: [{ bucket: 1, qty: 1 }],
    })
    expect(await atHome(2)).toEqual({ ok: true, allocations: [{ bucket: 0, qty: 2 }] })
    expect(await atHome(1)).toEqual({ ok: true, allocations: [{ bucket: 0, qty: 1 }] })
    expect((await totals(ns, key)).counts).toEqual({
      received: 4,
      available: 0,
      reserved: 4,
      sold: 0,
    })
  })

  it('does not answer sold out for seconds while a lend between siblings is on its way', async () => {
    const key = await stockedLine(0, 3)
    await bucketStub(ns, key, 1).restock('in-1', 2)
    // Bucket 1 lends its 2 units to bucket 2; they have left 1 and not yet reached 2.
    const lender = stockStub(stockActorName(key.skuId, key.warehouseId, 1))
    await inStockActor(lender, (actor, state) => {
      const ledger = (actor as unknown as { ledger: StockLedger }).ledger
      const deps = { storage: state.storage, ledger, ns }
      recordLend(deps, 'lend:2:transit', 2, stockActorName(key.skuId, key.warehouseId, 2))
      // As after a delivery that failed: the alarm delivers it again.
      return state.storage.setAlarm(Date.now() + REDELIVER_MS)
    })
    expect(await bucketStub(ns, key, 1).availability()).toEqual({
      available: 0,
      held: 0,
      inTransit: 2,
    })
    const refused = await reserveLine(ns, order(key, buyerAt(0, 3)))
    expect(refused).toEqual({ ok: false, code: 'SOLD_OUT', available: 0 })
    // The units arrive at bucket 2 (the lender's alarm delivers what never arrived).
    await runDurableObjectAlarm(lender)
    expect(await bucketStub(ns, key, 1).availability()).toEqual({
      available: 0,
      held: 0,
      inTransit: 0,
    })
    // Bucket 0 saw units moving, so it looks again at once instead of answering from memory.
    expect(await reserveLine(ns, order(key, buyerAt(0, 3)))).toEqual({
      ok: true,
      allocations: [{ bucket: 0, qty: 1 }],
    })
  })

  it('borrows for a multi-unit line from several siblings and holds it whole at home', async () => {
    const key = await stockedLine(8)
    const buyer = buyerAt(1, 4)
    const line = { ...order(key, buyer), qty: 7 }
    const result = await reserveLine(ns, line)
    expect(result).toEqual({ ok: true, allocations: [{ bucket: 1, qty: 7 }] })
    expect((await totals(ns, key)).buckets.map((b) => b.available)).toEqual([0, 0, 0, 1])
    expect(await reserveLine(ns, { ...order(key, buyer), qty: 2 })).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 1,
    })
    expect((await totals(ns, key)).counts).toEqual({
      received: 8,
      available: 1,
      reserved: 7,
      sold: 0,
    })
  })
})

describe('line retries', () => {
  it('replays reserve, commit and release for the same order id', async () => {
    const key = await stockedLine(8)
    const line = { ...order(key, 'retrier'), qty: 5 }
    const first = await reserveLine(ns, line)
    expect(await reserveLine(ns, line)).toEqual(first)
    expect((await totals(ns, key)).counts.reserved).toBe(5)
    if (!first.ok) throw new Error('reserve failed')
    const commit = { ...line, allocations: first.allocations }
    expect(await commitLine(ns, commit)).toEqual({ ok: true, allocations: first.allocations })
    expect(await commitLine(ns, commit)).toEqual({ ok: true, allocations: first.allocations })
    expect(await releaseLine(ns, commit)).toEqual({ ok: true, released: 0 })
    expect((await totals(ns, key)).counts).toEqual({
      received: 8,
      available: 3,
      reserved: 0,
      sold: 5,
    })
  })

  it('releases once, and fences every bucket when the allocations were lost', async () => {
    const key = await stockedLine(4)
    const line = order(key, 'canceller')
    const reserved = await reserveLine(ns, line)
    expect(await releaseLine(ns, line)).toEqual({ ok: true, released: 1 })
    expect(await releaseLine(ns, line)).toEqual({ ok: true, released: 0 })
    expect(reserved.ok && (await reserveLine(ns, line))).toEqual({
      ok: false,
      code: 'RESERVATION_RELEASED',
    })
    expect((await totals(ns, key)).counts.available).toBe(4)
  })

  it('gives units and quota back when the lease expires', async () => {
    const key = await stockedLine(4)
    const line = { ...order(key, 'sleeper'), perBuyerLimit: 1 }
    const reserved = await reserveLine(ns, line)
    if (!reserved.ok) throw new Error('reserve failed')
    for (const a of reserved.allocations) await expireLeases(bucketStub(ns, key, a.bucket))
    expect((await totals(ns, key)).counts).toEqual({
      received: 4,
      available: 4,
      reserved: 0,
      sold: 0,
    })
    expect(await reserveLine(ns, { ...order(key, 'sleeper'), perBuyerLimit: 1 })).toMatchObject({
      ok: true,
    })
  })
})

describe('reserveFromWarehouses', () => {
  it('moves on from a warehouse short of stock and replays where it was served', async () => {
    const short = await stockedLine(1, 1)
    const full = { ...short, warehouseId: 'wh2', buckets: 2 }
    await setOnHandLine(ns, { ...full, onHand: 5 })
    const { warehouseId: _w, buckets: _b, ...line } = { ...order(short, 'roamer'), qty: 2 }
    const req = { ...line, warehouses: [short, full] }
    const first = await reserveFromWarehouses(ns, req)
    expect(first).toMatchObject({ ok: true, warehouseId: 'wh2', buckets: 2 })
    expect(await reserveFromWarehouses(ns, req)).toEqual(first)
    expect((await totals(ns, short)).counts.available).toBe(1)
    expect((await totals(ns, full)).counts).toEqual({
      received: 5,
      available: 3,
      reserved: 2,
      sold: 0,
    })
  })
})

describe('per-buyer limit', () => {
  it('lets exactly one of ten simultaneous orders from one buyer through', async () => {
    const key = await stockedLine(50)
    const lines = Array.from({ length: 10 }, () => ({ ...order(key, 'eager'), perBuyerLimit: 1 }))
    const results = await Promise.all(lines.map((l) => reserveLine(ns, l)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.code === 'PURCHASE_LIMIT_EXCEEDED')).toHaveLength(9)
    expect((await totals(ns, key)).counts).toEqual({
      received: 50,
      available: 49,
      reserved: 1,
      sold: 0,
    })
  })

  it("counts a limit of 2 at the buyer's home bucket and keeps it after payment", async () => {
    const key = await stockedLine(10)
    const lines = [1, 2, 3].map(() => ({ ...order(key, 'collector'), perBuyerLimit: 2 }))
    const results = await Promise.all(lines.map((l) => reserveLine(ns, l)))
    expect(results.filter((r) => r.ok)).toHaveLength(2)
    const [won] = lines.filter((_, i) => results[i]?.ok)
    const wonResult = results.find((r) => r.ok)
    if (!won || !wonResult?.ok) throw new Error('no order passed')
    await commitLine(ns, { ...won, allocations: wonResult.allocations })
    expect(await releaseLine(ns, { ...won, allocations: wonResult.allocations })).toEqual({
      ok: true,
      released: 0,
    })
    const again = await reserveLine(ns, { ...order(key, 'collector'), perBuyerLimit: 2 })
    expect(again).toEqual({ ok: false, code: 'PURCHASE_LIMIT_EXCEEDED' })
  })

  it("holds the limit when the buyer's units were borrowed from a sibling bucket", async () => {
    const key = await stockedLine(0)
    await bucketStub(ns, key, 2).restock('elsewhere', 5)
    const buyer = buyerAt(0, 4)
    const first = await reserveLine(ns, { ...order(key, buyer), perBuyerLimit: 1 })
    expect(first).toEqual({ ok: true, allocations: [{ bucket: 0, qty: 1 }] })
    const second = await reserveLine(ns, { ...order(key, buyer), perBuyerLimit: 1 })
    expect(second).toEqual({ ok: false, code: 'PURCHASE_LIMIT_EXCEEDED' })
    expect((await totals(ns, key)).counts).toEqual({
      received: 5,
      available: 4,
      reserved: 1,
      sold: 0,
    })
  })
})

describe('payment-time policy and inventory', () => {
  it('checks without writing and purchases in one call', async () => {
    const key = await stockedLine(3)
    expect(await checkLine(ns, { ...key, qty: 3 })).toEqual({ ok: true, available: 3 })
    expect(await checkLine(ns, { ...key, qty: 4 })).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 3,
    })
    const line = { ...order(key, 'payer'), qty: 3 }
    expect(await purchaseLine(ns, line)).toMatchObject({ ok: true })
    expect(await purchaseLine(ns, line)).toMatchObject({ ok: true })
    expect((await totals(ns, key)).counts).toEqual({
      received: 3,
      available: 0,
      reserved: 0,
      sold: 3,
    })
    expect(await checkLine(ns, { ...key, qty: 1 })).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      available: 0,
    })
  })

  it('spreads on hand and restocks once per op id', async () => {
    const key = await stockedLine(10)
    expect((await totals(ns, key)).buckets.map((b) => b.available)).toEqual([3, 3, 2, 2])
    const receipt = { ...key, opId: uid('receipt'), qty: 6 }
    expect(await restockLine(ns, receipt)).toMatchObject({ ok: true })
    expect(await restockLine(ns, receipt)).toMatchObject({ ok: true })
    expect((await totals(ns, key)).counts).toEqual({
      received: 16,
      available: 16,
      reserved: 0,
      sold: 0,
    })
    expect(await setOnHandLine(ns, { ...key, onHand: -1 })).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
    })
  })

  it('rebalances free units and finishes a move that crashed between its legs', async () => {
    const key = await stockedLine(0)
    await bucketStub(ns, key, 0).restock('receipt', 8)
    const rebalanceId = uid('rebalance')
    await bucketStub(ns, key, 0).moveOut(`${rebalanceId}:2:crashed:0`, 3)
    expect((await totals(ns, key)).counts.received).toBe(5)
    const result = await rebalanceLine(ns, { ...key, rebalanceId })
    expect(result).toMatchObject({ ok: true })
    const after = await totals(ns, key)
    expect(after.counts).toEqual({ received: 8, available: 8, reserved: 0, sold: 0 })
    expect(after.buckets.map((b) => b.available)).toEqual([2, 2, 2, 2])
    await rebalanceLine(ns, { ...key, rebalanceId })
    expect((await totals(ns, key)).counts.received).toBe(8)
  })

  it('refuses malformed lines instead of addressing a wrong actor', async () => {
    const key = { skuId: 'a:b', warehouseId: 'wh1', buckets: 4 }
    expect(await reserveLine(ns, order(key, 'u'))).toEqual({ ok: false, code: 'INVALID_REQUEST' })
    const zero = { ...order(await stockedLine(1), 'u'), qty: 0 }
    expect(await reserveLine(ns, zero)).toEqual({ ok: false, code: 'INVALID_REQUEST' })
    expect(await commitLine(ns, { ...zero, allocations: [] })).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      committed: [],
    })
  })
})
