import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adjustStep, restockStep, setOnHandStep } from '../../src/domain/stock/adjustment'
import {
  type BucketModel,
  EMPTY_BUCKET,
  modelAdjust,
  modelCommit,
  modelExpire,
  modelRelease,
  modelReserve,
} from '../../src/domain/stock/bucket-model'
import {
  fnv1a32,
  homeBucket,
  planRebalance,
  probeOrder,
  spreadOnHand,
  spreadUnits,
} from '../../src/domain/stock/buckets'
import { conservationErrors, NO_STOCK } from '../../src/domain/stock/counts'
import { claimStep, commitClaimStep, releaseClaimStep } from '../../src/domain/stock/quota'
import { warehousesFor } from '../../src/domain/stock/warehouse-choice'
import { commandArb, modelStep } from '../support/stock'

const LEASE = 1_000

function stocked(qty: number): BucketModel {
  return modelAdjust(EMPTY_BUCKET, (c) => restockStep(c, qty))[0]
}

function reserve(m: BucketModel, orderId: string, qty: number, partial = false) {
  return modelReserve(m, { orderId, userId: `u-${orderId}`, qty, leaseUntil: LEASE, partial })
}

describe('bucket steps', () => {
  it('reserves, commits and answers retries without counting twice', () => {
    const [held, first] = reserve(stocked(5), 'o1', 2)
    expect(first).toEqual({ ok: true, qty: 2, state: 'reserved', replayed: false })
    const [again, retry] = reserve(held, 'o1', 2)
    expect(retry).toEqual({ ok: true, qty: 2, state: 'reserved', replayed: true })
    const [sold, commit] = modelCommit(again, 'o1')
    expect(commit).toEqual({ ok: true, qty: 2, replayed: false })
    const [after, recommit] = modelCommit(sold, 'o1')
    expect(recommit).toEqual({ ok: true, qty: 2, replayed: true })
    expect(after.counts).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 })
  })

  it('leaves sold units alone when a committed order is released', () => {
    const [sold] = modelCommit(reserve(stocked(3), 'o1', 1)[0], 'o1')
    const [after, result] = modelRelease(sold, 'o1')
    expect(result).toEqual({ ok: true, released: 0, state: 'committed' })
    expect(after.counts).toEqual({ received: 3, available: 2, reserved: 0, sold: 1 })
  })

  it('says SOLD_OUT on an empty bucket and INSUFFICIENT_STOCK when some is left', () => {
    expect(reserve(EMPTY_BUCKET, 'o1', 1)[1]).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      available: 0,
    })
    expect(reserve(stocked(2), 'o1', 3)[1]).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 2,
    })
    expect(reserve(stocked(2), 'o1', 3, true)[1]).toEqual({
      ok: true,
      qty: 2,
      state: 'reserved',
      replayed: false,
    })
  })

  it('fences a release that arrives before its reserve', () => {
    const [fenced, release] = modelRelease(stocked(2), 'o1')
    expect(release).toEqual({ ok: true, released: 0, state: 'released' })
    expect(reserve(fenced, 'o1', 1)[1]).toEqual({ ok: false, code: 'RESERVATION_RELEASED' })
  })

  it('expires only leases that are due, and a late commit still sells if units are free', () => {
    const [held] = reserve(stocked(2), 'o1', 2)
    expect(modelExpire(held, LEASE - 1)[1]).toBe(0)
    const [expired, count] = modelExpire(held, LEASE)
    expect(count).toBe(1)
    expect(expired.counts).toEqual({ received: 2, available: 2, reserved: 0, sold: 0 })
    expect(modelExpire(expired, LEASE)[1]).toBe(0)
    expect(reserve(expired, 'o1', 2)[1]).toEqual({ ok: false, code: 'LEASE_EXPIRED' })
    const [late, commit] = modelCommit(expired, 'o1')
    expect(commit).toEqual({ ok: true, qty: 2, replayed: false })
    expect(late.counts).toEqual({ received: 2, available: 0, reserved: 0, sold: 2 })
    const [, gone] = modelCommit(reserve(expired, 'o2', 1)[0], 'o1')
    expect(gone).toEqual({ ok: false, code: 'LEASE_EXPIRED', available: 1 })
  })

  it('refuses bad quantities and leases as INVALID_REQUEST', () => {
    for (const qty of [0, -1, 1.5, Number.NaN]) {
      expect(reserve(stocked(5), 'o1', qty)[1]).toEqual({ ok: false, code: 'INVALID_REQUEST' })
    }
    const cmd = { orderId: 'o', userId: 'u', qty: 1, leaseUntil: Number.NaN, partial: false }
    expect(modelReserve(stocked(1), cmd)[1]).toEqual({ ok: false, code: 'INVALID_REQUEST' })
  })
})

describe('admin steps', () => {
  const counts = { received: 10, available: 6, reserved: 3, sold: 1 }

  it('sets on hand by moving only the available part', () => {
    expect(setOnHandStep(counts, 5).counts).toEqual({
      received: 6,
      available: 2,
      reserved: 3,
      sold: 1,
    })
    expect(setOnHandStep(counts, 2).result).toEqual({
      ok: false,
      code: 'BELOW_RESERVED',
      reserved: 3,
    })
    expect(setOnHandStep(counts, 9).counts).toBeUndefined()
  })

  it('adjusts free units only and restocks to available', () => {
    expect(adjustStep(counts, -7).result).toEqual({
      ok: false,
      code: 'INSUFFICIENT_STOCK',
      available: 6,
    })
    expect(adjustStep(counts, -6).counts).toEqual({ ...counts, received: 4, available: 0 })
    expect(restockStep(counts, 4).counts).toEqual({ ...counts, received: 14, available: 10 })
    expect(restockStep(counts, 0).result).toEqual({ ok: false, code: 'INVALID_REQUEST' })
  })
})

describe('purchase quota', () => {
  const cmd = { orderId: 'o2', userId: 'u', qty: 1, limit: 1, leaseUntil: LEASE }

  it('refuses a claim over the limit and replays an existing one', () => {
    expect(claimStep(undefined, 1, cmd).result).toEqual({
      ok: false,
      code: 'PURCHASE_LIMIT_EXCEEDED',
      used: 1,
      limit: 1,
    })
    const granted = claimStep(undefined, 0, cmd)
    expect(granted.result).toEqual({ ok: true, used: 1, replayed: false })
    expect(claimStep(granted.claim, 0, cmd).result).toEqual({ ok: true, used: 1, replayed: true })
  })

  it('keeps quota on commit and gives it back on release only before commit', () => {
    const claim = claimStep(undefined, 0, cmd).claim
    const kept = commitClaimStep(claim).claim
    expect(kept?.state).toBe('committed')
    expect(releaseClaimStep(kept, 'o2')).toEqual({ result: false })
    expect(releaseClaimStep(claim, 'o2').claim?.state).toBe('released')
  })
})

describe('buckets', () => {
  it('hashes with FNV-1a 32 over UTF-8', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
    expect(homeBucket('foobar', 4)).toBe(0xbf9cf968 % 4)
  })

  it('probes home first, then the rest in ring order', () => {
    expect(probeOrder(2, 4)).toEqual([2, 3, 0, 1])
    expect(probeOrder(0, 1)).toEqual([0])
  })

  it('spreads units with the remainder to the earlier buckets', () => {
    expect(spreadUnits(10, 4)).toEqual([3, 3, 2, 2])
    expect(spreadUnits(10, 4, 3)).toEqual([3, 2, 2, 3])
    expect(spreadUnits(1, 3)).toEqual([1, 0, 0])
    expect(spreadOnHand(10, [3, 0, 0])).toEqual([6, 2, 2])
    expect(spreadOnHand(2, [3, 0, 0])).toBeUndefined()
  })

  it('plans moves that even the buckets out', () => {
    expect(planRebalance([8, 0, 0, 0])).toEqual([
      { from: 0, to: 1, qty: 2 },
      { from: 0, to: 2, qty: 2 },
      { from: 0, to: 3, qty: 2 },
    ])
    expect(planRebalance([3, 3, 2, 2])).toEqual([])
  })

  it('conserves units when spreading and rebalancing', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000), { minLength: 1, maxLength: 16 }), (available) => {
        const after = [...available]
        for (const m of planRebalance(available)) {
          after[m.from] = (after[m.from] ?? 0) - m.qty
          after[m.to] = (after[m.to] ?? 0) + m.qty
        }
        const total = available.reduce((a, b) => a + b, 0)
        expect(after).toEqual(spreadUnits(total, available.length))
      }),
    )
  })
})

function held(m: BucketModel, state: string): number {
  let n = 0
  for (const r of m.reservations.values()) if (r.state === state) n += r.qty
  return n
}

describe('bucket model', () => {
  it('keeps every unit received available, reserved or sold, and nothing negative', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        let m = EMPTY_BUCKET
        for (const c of commands) {
          m = modelStep(m, c)[0]
          expect(conservationErrors(m.counts)).toEqual([])
          expect(m.counts.reserved).toBe(held(m, 'reserved'))
          expect(m.counts.sold).toBe(held(m, 'committed'))
        }
      }),
      { numRuns: 500 },
    )
    expect(conservationErrors(NO_STOCK)).toEqual([])
    expect(conservationErrors({ received: 1, available: -1, reserved: 2, sold: 0 })).toEqual([
      'available is negative',
    ])
  })
})

describe('warehouse choice', () => {
  const regions = [
    { warehouseId: 'bj', region: 'CN-11', priority: 0 },
    { warehouseId: 'sh', region: 'CN-31', priority: 0 },
    { warehouseId: 'bj', region: 'CN-31', priority: 2 },
    { warehouseId: 'gz', region: '*', priority: 1 },
    { warehouseId: 'hk', region: '*', priority: 0 },
  ]
  const stocked = ['bj', 'gz', 'sh', 'hk', 'xa'].map((warehouseId) => ({ warehouseId, buckets: 1 }))
  const ids = (region: string) => warehousesFor(region, regions, stocked).map((w) => w.warehouseId)

  it('tries the region own warehouses by priority, then the fallbacks, never the others', () => {
    expect(ids('CN-31')).toEqual(['sh', 'bj', 'hk', 'gz'])
    expect(ids('CN-11')).toEqual(['bj', 'hk', 'gz'])
    expect(ids('US-CA')).toEqual(['hk', 'gz'])
    expect(warehousesFor('CN-31', regions, [])).toEqual([])
  })
})
