import { fail } from '../../src/errors'
import type { WalletLedger } from './ledger'
import { couponNotUsable, refusalOf, sameRequest } from './rules'
import type { ConsumeResult, PointsResult, RedeemResult, Redemption, ReleaseResult } from './types'

// The wallet's state changes, each run by the actor inside one transactionSync: they read and
// write storage synchronously only, so nothing can interleave between a check and its write.

function replayRedeem(r: Redemption, couponIds: readonly string[], points: number): RedeemResult {
  if (r.state === 'released') {
    return fail('CONFLICT', `order ${r.orderId} already released its coupons and points`)
  }
  if (!sameRequest(r, couponIds, points)) {
    const details = { couponIds: r.couponIds, points: r.points }
    return fail('CONFLICT', `order ${r.orderId} already redeemed other coupons or points`, details)
  }
  return { ok: true, redemption: r, replayed: true }
}

export function redeemStep(
  ledger: WalletLedger,
  request: { orderId: string; couponIds: readonly string[]; points: number },
  now: number,
): RedeemResult {
  const { orderId, couponIds, points } = request
  const existing = ledger.redemption(orderId)
  if (existing) return replayRedeem(existing, couponIds, points)
  for (const id of couponIds) {
    const reason = refusalOf(ledger.coupon(id), orderId, now)
    if (reason) return couponNotUsable(id, reason)
  }
  const balance = ledger.wallet().points
  if (points > balance) {
    const details = { requested: points, balance }
    return fail('POINTS_INSUFFICIENT', `${points} points asked, ${balance} held`, details)
  }
  for (const id of couponIds) ledger.setCoupon(id, 'locked', orderId, now)
  if (points > 0) {
    ledger.movePoints({ opId: `redeem:${orderId}`, delta: -points, reason: 'redeem', orderId }, now)
  }
  const redemption: Redemption = {
    orderId,
    couponIds: [...couponIds],
    points,
    state: 'held',
    pointsRestored: 0,
  }
  ledger.saveRedemption(redemption, now)
  return { ok: true, redemption, replayed: false }
}

/** A release before its redeem leaves a tombstone, so the late redeem is refused. */
export function releaseStep(ledger: WalletLedger, orderId: string, now: number): ReleaseResult {
  const r = ledger.redemption(orderId)
  if (!r) {
    const tomb: Redemption = {
      orderId,
      couponIds: [],
      points: 0,
      state: 'released',
      pointsRestored: 0,
    }
    ledger.saveRedemption(tomb, now)
    return { ok: true, redemption: null, released: false }
  }
  if (r.state !== 'held') return { ok: true, redemption: r, released: false }
  for (const id of r.couponIds) ledger.setCoupon(id, 'available', null, now)
  if (r.points > 0) {
    ledger.movePoints(
      { opId: `release:${orderId}`, delta: r.points, reason: 'release', orderId },
      now,
    )
  }
  const released: Redemption = { ...r, state: 'released' }
  ledger.saveRedemption(released, now)
  return { ok: true, redemption: released, released: true }
}

export function consumeStep(ledger: WalletLedger, orderId: string, now: number): ConsumeResult {
  const r = ledger.redemption(orderId)
  if (!r) return fail('NOT_FOUND', `order ${orderId} holds nothing in this wallet`)
  if (r.state === 'consumed') return { ok: true, redemption: r, replayed: true }
  if (r.state === 'released') {
    return fail('CONFLICT', `order ${orderId} released its coupons and points`)
  }
  for (const id of r.couponIds) ledger.setCoupon(id, 'used', orderId, now)
  const consumed: Redemption = { ...r, state: 'consumed' }
  ledger.saveRedemption(consumed, now)
  return { ok: true, redemption: consumed, replayed: false }
}

export function restoreStep(
  ledger: WalletLedger,
  request: { orderId: string; points: number; opId: string },
  now: number,
): PointsResult {
  const { orderId, points, opId } = request
  if (ledger.hasOp(opId)) return { ok: true, balance: ledger.wallet().points, replayed: true }
  const r = ledger.redemption(orderId)
  if (r?.state !== 'consumed') return fail('CONFLICT', `order ${orderId} has no paid points`)
  if (r.pointsRestored + points > r.points) {
    const details = { spent: r.points, restored: r.pointsRestored, asked: points }
    return fail('BUSINESS_RULE', 'cannot restore more points than the order spent', details)
  }
  const balance = ledger.movePoints({ opId, delta: points, reason: 'restore', orderId }, now)
  ledger.saveRedemption({ ...r, pointsRestored: r.pointsRestored + points }, now)
  return { ok: true, balance, replayed: false }
}
