import { runDurableObjectAlarm } from 'cloudflare:test'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_BUCKET } from '../../src/domain/stock/bucket-model'
import { conservationErrors } from '../../src/domain/stock/counts'
import { uid } from '../support/ids'
import {
  actorStep,
  clearStockAlarms,
  commandArb,
  expireLeases,
  FAR_LEASE,
  inStockActor,
  modelStep,
  stockStub,
} from '../support/stock'

afterEach(clearStockAlarms)

async function freshBucket(units = 0) {
  const stub = stockStub(`${uid('sku')}:wh:0`)
  if (units > 0) await stub.restock(uid('receipt'), units)
  return stub
}

describe('StockActor reservations', () => {
  it('answers retried reserve, commit and release without moving units twice', async () => {
    const stub = await freshBucket(5)
    expect(await stub.reserve('o1', 'u1', 2, FAR_LEASE)).toEqual({
      ok: true,
      qty: 2,
      state: 'reserved',
      replayed: false,
    })
    expect(await stub.reserve('o1', 'u1', 2, FAR_LEASE)).toEqual({
      ok: true,
      qty: 2,
      state: 'reserved',
      replayed: true,
    })
    expect(await stub.commit('o1')).toEqual({ ok: true, qty: 2, replayed: false })
    expect(await stub.commit('o1')).toEqual({ ok: true, qty: 2, replayed: true })
    expect(await stub.release('o1')).toEqual({ ok: true, released: 0, state: 'committed' })
    expect(await stub.reserve('o1', 'u1', 2, FAR_LEASE)).toEqual({
      ok: true,
      qty: 2,
      state: 'committed',
      replayed: true,
    })
    expect((await stub.snapshot()).counts).toEqual({
      received: 5,
      available: 3,
      reserved: 0,
      sold: 2,
    })
  })

  it('releases a reservation once and then refuses to reserve it again', async () => {
    const stub = await freshBucket(3)
    await stub.reserve('o1', 'u1', 3, FAR_LEASE)
    expect(await stub.release('o1')).toEqual({ ok: true, released: 3, state: 'released' })
    expect(await stub.release('o1')).toEqual({ ok: true, released: 0, state: 'released' })
    expect(await stub.reserve('o1', 'u1', 3, FAR_LEASE)).toEqual({
      ok: false,
      code: 'RESERVATION_RELEASED',
    })
    expect(await stub.commit('o1')).toEqual({ ok: false, code: 'RESERVATION_RELEASED' })
    expect((await stub.snapshot()).counts).toEqual({
      received: 3,
      available: 3,
      reserved: 0,
      sold: 0,
    })
  })

  it('answers SOLD_OUT from an empty bucket without writing a row', async () => {
    const stub = await freshBucket(1)
    await stub.reserve('o1', 'u1', 1, FAR_LEASE)
    const { result, writes } = await inStockActor(stub, async (actor) => {
      const before = actor.ledger.rowsWritten
      const result = await actor.reserve('o2', 'u2', 1, FAR_LEASE)
      return { result, writes: actor.ledger.rowsWritten - before }
    })
    expect(result).toEqual({ ok: false, code: 'SOLD_OUT', available: 0 })
    expect(writes).toBe(0)
    expect(await stub.availability('o2')).toEqual({ available: 0, held: 0, inTransit: 0 })
  })

  it('refuses a quantity it cannot serve whole, writing nothing', async () => {
    const stub = await freshBucket(2)
    const before = await inStockActor(stub, (actor) => actor.ledger.rowsWritten)
    expect(await stub.reserve('o1', 'u1', 3, FAR_LEASE)).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 2,
    })
    expect(await inStockActor(stub, (actor) => actor.ledger.rowsWritten)).toBe(before)
    expect(await stub.availability('o1')).toEqual({ available: 2, held: 0, inTransit: 0 })
  })
})

describe('StockActor leases', () => {
  it('sets its alarm to the earliest lease and releases it when due', async () => {
    const stub = await freshBucket(4)
    await stub.reserve('late', 'u1', 1, FAR_LEASE + 1000)
    await stub.reserve('early', 'u2', 2, FAR_LEASE)
    expect(await inStockActor(stub, (_a, state) => state.storage.getAlarm())).toBe(FAR_LEASE)
    await expireLeases(stub, 'early')
    expect((await stub.snapshot()).counts).toEqual({
      received: 4,
      available: 3,
      reserved: 1,
      sold: 0,
    })
    expect(await inStockActor(stub, (_a, state) => state.storage.getAlarm())).toBe(FAR_LEASE + 1000)
    expect(await stub.reserve('early', 'u2', 2, FAR_LEASE)).toEqual({
      ok: false,
      code: 'LEASE_EXPIRED',
    })
  })

  it('does nothing more when the alarm is delivered again', async () => {
    const stub = await freshBucket(2)
    await stub.reserve('o1', 'u1', 2, FAR_LEASE)
    await expireLeases(stub)
    expect(await runDurableObjectAlarm(stub)).toBe(false)
    await inStockActor(stub, (actor) => actor.alarm())
    expect((await stub.snapshot()).counts).toEqual({
      received: 2,
      available: 2,
      reserved: 0,
      sold: 0,
    })
  })

  it('still sells on a payment just after the lease ran out, if the units are free', async () => {
    const stub = await freshBucket(2)
    await stub.reserve('o1', 'u1', 2, FAR_LEASE)
    await expireLeases(stub)
    expect(await stub.commit('o1')).toEqual({ ok: true, qty: 2, replayed: false })
    expect((await stub.snapshot()).counts).toEqual({
      received: 2,
      available: 0,
      reserved: 0,
      sold: 2,
    })
  })
})

describe('StockActor admin', () => {
  it('restocks and adjusts once per op id', async () => {
    const stub = await freshBucket()
    expect(await stub.restock('r1', 5)).toMatchObject({ ok: true, replayed: false })
    expect(await stub.restock('r1', 5)).toMatchObject({ ok: true, replayed: true })
    expect(await stub.adjust('a1', -2)).toMatchObject({ ok: true, replayed: false })
    expect(await stub.adjust('a1', -2)).toMatchObject({ ok: true, replayed: true })
    expect(await stub.adjust('a2', -4)).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 3,
    })
    expect((await stub.snapshot()).counts).toEqual({
      received: 3,
      available: 3,
      reserved: 0,
      sold: 0,
    })
  })

  it('sets on hand around live reservations', async () => {
    const stub = await freshBucket(5)
    await stub.reserve('o1', 'u1', 2, FAR_LEASE)
    expect(await stub.setOnHand(1)).toEqual({ ok: false, code: 'BELOW_RESERVED', reserved: 2 })
    expect(await stub.setOnHand(10)).toEqual({
      ok: true,
      counts: { received: 10, available: 8, reserved: 2, sold: 0 },
      replayed: false,
    })
  })

  it('counts a per-buyer limit with the reservation: commit keeps it, release returns it', async () => {
    const stub = await freshBucket(10)
    const limited = { perBuyerLimit: 1 }
    const granted = { ok: true, qty: 1, state: 'reserved', replayed: false }
    expect(await stub.reserve('o1', 'u1', 1, FAR_LEASE, limited)).toEqual(granted)
    expect(await stub.reserve('o2', 'u1', 1, FAR_LEASE, limited)).toEqual({
      ok: false,
      code: 'PURCHASE_LIMIT_EXCEEDED',
      used: 1,
      limit: 1,
    })
    expect(await stub.reserve('o3', 'u2', 1, FAR_LEASE, limited)).toEqual(granted)
    await stub.release('o1')
    expect(await stub.reserve('o2', 'u1', 1, FAR_LEASE, limited)).toEqual(granted)
    await stub.commit('o2')
    await stub.release('o2')
    expect(await stub.reserve('o4', 'u1', 1, FAR_LEASE, limited)).toMatchObject({
      code: 'PURCHASE_LIMIT_EXCEEDED',
    })
    expect((await stub.snapshot()).counts).toEqual({
      received: 10,
      available: 8,
      reserved: 1,
      sold: 1,
    })
  })

  it('gives quota back when its lease expires', async () => {
    const stub = await freshBucket(10)
    await stub.reserve('o1', 'u1', 1, FAR_LEASE, { perBuyerLimit: 1 })
    await expireLeases(stub)
    expect(await stub.reserve('o2', 'u1', 1, FAR_LEASE, { perBuyerLimit: 1 })).toMatchObject({
      ok: true,
    })
  })

  it('holds a confirmed reservation until its new lease', async () => {
    const stub = await freshBucket(3)
    await stub.reserve('o1', 'u1', 2, Date.now() + 1_000)
    expect(await stub.confirm('o1', FAR_LEASE)).toEqual({ ok: true })
    expect(await stub.confirm('nobody', FAR_LEASE)).toEqual({ ok: false })
    expect((await stub.snapshot()).nextLeaseExpiry).toBe(FAR_LEASE)
  })
})

describe('StockActor against the model', () => {
  it('gives the same answers and counts as the pure model on random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 25 }), async (commands) => {
        const stub = await freshBucket()
        let model = EMPTY_BUCKET
        for (const [i, c] of commands.entries()) {
          const [next, expected] = modelStep(model, c)
          model = next
          const actual = await actorStep(stub, c, `op${i}`)
          if (c.kind !== 'expire') expect(actual).toEqual(expected)
          const { counts } = await stub.snapshot()
          expect(counts).toEqual(model.counts)
          expect(conservationErrors(counts)).toEqual([])
        }
      }),
      { numRuns: 25 },
    )
  })
})
