import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import type { RedeemResult } from '../../durable-objects/wallet/client'
import { uid } from '../support/ids'
import {
  clearWalletAlarms,
  DAY,
  flushWallet,
  HOUR,
  issueDirect,
  terms,
  walletStub,
} from '../support/wallet'

afterEach(clearWalletAlarms)

async function grant(userId: string, points: number): Promise<void> {
  const res = await walletStub(userId).grantPoints(points, 'test grant', uid('op'))
  expect(res.ok).toBe(true)
}

describe('WalletActor coupons', () => {
  it('lets exactly one of two concurrent orders hold a coupon', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    const stub = walletStub(user)
    const [a, b] = await Promise.all([
      stub.redeem('order-a', [coupon], 0),
      stub.redeem('order-b', [coupon], 0),
    ])
    const oks = [a, b].filter((r) => r.ok)
    const refused = [a, b].find((r) => !r.ok)
    expect(oks).toHaveLength(1)
    expect(refused).toEqual({
      ok: false,
      code: 'COUPON_NOT_USABLE',
      message: `coupon ${coupon} cannot be used: LOCKED`,
      details: { couponId: coupon, reason: 'LOCKED' },
    })
  })

  it('answers a retried redeem with the same redemption and refuses a different one', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    await grant(user, 500)
    const stub = walletStub(user)
    const first = await stub.redeem('order-1', [coupon], 200)
    const retry = await stub.redeem('order-1', [coupon], 200)
    const redemption = {
      orderId: 'order-1',
      couponIds: [coupon],
      points: 200,
      state: 'held',
      pointsRestored: 0,
    }
    expect(first).toEqual({ ok: true, redemption, replayed: false })
    expect(retry).toEqual({ ok: true, redemption, replayed: true })
    expect((await stub.redeem('order-1', [], 200)).ok).toBe(false)
    expect((await stub.snapshot()).pointsBalance).toBe(300)
  })

  it('is all or nothing: one bad coupon holds nothing', async () => {
    const user = uid('buyer')
    const good = await issueDirect(user)
    const stub = walletStub(user)
    const res = await stub.redeem('order-1', [good, 'cpn-missing'], 0)
    expect(res).toMatchObject({
      ok: false,
      details: { couponId: 'cpn-missing', reason: 'NOT_FOUND' },
    })
    const snap = await stub.snapshot()
    expect(snap.coupons.map((c) => [c.id, c.status])).toEqual([[good, 'available']])
  })

  it('refuses expired, not yet started and used coupons with the reason', async () => {
    const user = uid('buyer')
    const now = Date.now()
    const expired = await issueDirect(user, { startsAt: now - DAY, endsAt: now - HOUR })
    const early = await issueDirect(user, { terms: terms({ startsAt: now + HOUR }) })
    const spent = await issueDirect(user)
    const stub = walletStub(user)
    await stub.redeem('order-1', [spent], 0)
    await stub.consume('order-1')
    const reason = async (id: string) => {
      const r = (await stub.redeem(uid('order'), [id], 0)) as RedeemResult
      return r.ok ? 'ok' : r.details?.reason
    }
    expect(await reason(expired)).toBe('EXPIRED')
    expect(await reason(early)).toBe('NOT_STARTED')
    expect(await reason(spent)).toBe('USED')
  })

  it('release gives coupons and points back once; a late redeem is refused', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    await grant(user, 100)
    const stub = walletStub(user)
    await stub.redeem('order-1', [coupon], 60)
    const first = await stub.release('order-1')
    const again = await stub.release('order-1')
    expect(first).toMatchObject({ ok: true, released: true, redemption: { state: 'released' } })
    expect(again).toMatchObject({ ok: true, released: false, redemption: { state: 'released' } })
    const snap = await stub.snapshot()
    expect(snap.pointsBalance).toBe(100)
    expect(snap.coupons.map((c) => c.status)).toEqual(['available'])
    expect(await stub.redeem('order-1', [coupon], 60)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    expect(await stub.release('order-never')).toEqual({
      ok: true,
      redemption: null,
      released: false,
    })
    expect(await stub.redeem('order-never', [], 0)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('consume spends coupons for good: release after payment is a no-op', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    await grant(user, 100)
    const stub = walletStub(user)
    await stub.redeem('order-1', [coupon], 40)
    expect(await stub.consume('order-1')).toMatchObject({ ok: true, replayed: false })
    expect(await stub.consume('order-1')).toMatchObject({ ok: true, replayed: true })
    expect(await stub.release('order-1')).toMatchObject({ ok: true, released: false })
    const snap = await stub.snapshot()
    expect(snap.pointsBalance).toBe(60)
    expect(snap.coupons.map((c) => [c.status, c.orderId])).toEqual([['used', 'order-1']])
    expect(await stub.consume('order-unknown')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('shows what an order holds as still available when re-pricing that order', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    await grant(user, 100)
    const stub = walletStub(user)
    await stub.redeem('order-1', [coupon], 30)
    const mine = await stub.snapshot('order-1')
    const other = await stub.snapshot('order-2')
    expect([mine.pointsBalance, mine.coupons[0]?.status]).toEqual([100, 'available'])
    expect([other.pointsBalance, other.coupons[0]?.status]).toEqual([70, 'locked'])
  })
})

describe('WalletActor points', () => {
  it('never overdraws under concurrent redeems', async () => {
    const user = uid('buyer')
    await grant(user, 100)
    const stub = walletStub(user)
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => stub.redeem(`order-${i}`, [], 30)),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    const refusals = (results as RedeemResult[]).map((r) => (r.ok ? null : r.code)).filter(Boolean)
    expect(refusals).toEqual(Array(5).fill('POINTS_INSUFFICIENT'))
    expect((await stub.snapshot()).pointsBalance).toBe(10)
  })

  it('grants once per opId and restores at most what a paid order spent', async () => {
    const user = uid('buyer')
    const stub = walletStub(user)
    expect(await stub.grantPoints(100, 'signup', 'op-1')).toEqual({
      ok: true,
      balance: 100,
      replayed: false,
    })
    expect(await stub.grantPoints(100, 'signup', 'op-1')).toEqual({
      ok: true,
      balance: 100,
      replayed: true,
    })
    await stub.redeem('order-1', [], 80)
    expect(await stub.restorePoints('order-1', 10)).toMatchObject({ ok: false, code: 'CONFLICT' })
    await stub.consume('order-1')
    expect(await stub.restorePoints('order-1', 30, 'refund-1')).toMatchObject({ balance: 50 })
    expect(await stub.restorePoints('order-1', 30, 'refund-1')).toMatchObject({ replayed: true })
    expect(await stub.restorePoints('order-1', 60, 'refund-2')).toMatchObject({
      ok: false,
      code: 'BUSINESS_RULE',
    })
    expect(await stub.restorePoints('order-1', 50, 'refund-2')).toMatchObject({ balance: 100 })
    expect(await stub.grantPoints(0, 'nothing', 'op-2')).toMatchObject({ code: 'BAD_REQUEST' })
  })
})

describe('WalletActor projection to D1', () => {
  it('writes coupon status, member level and the points ledger through its outbox', async () => {
    const user = uid('buyer')
    const coupon = await issueDirect(user)
    const stub = walletStub(user)
    await grant(user, 100)
    await stub.setLevel(2)
    await stub.redeem('order-1', [coupon], 25)
    await stub.consume('order-1')
    await flushWallet(user)
    const row = await env.DB.prepare('SELECT user_id, status, order_id FROM coupons WHERE id = ?')
      .bind(coupon)
      .first()
    expect(row).toEqual({ user_id: user, status: 'used', order_id: 'order-1' })
    const member = await env.DB.prepare(
      'SELECT level, points_balance FROM members WHERE user_id = ?',
    )
      .bind(user)
      .first()
    expect(member).toEqual({ level: 2, points_balance: 75 })
    const { results } = await env.DB.prepare(
      'SELECT delta, reason, balance_after FROM points_ledger WHERE user_id = ? ORDER BY seq',
    )
      .bind(user)
      .all()
    expect(results).toEqual([
      { delta: 100, reason: 'test grant', balance_after: 100 },
      { delta: -25, reason: 'redeem', balance_after: 75 },
    ])
  })
})
