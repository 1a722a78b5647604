import { env, listDurableObjectIds, runInDurableObject } from 'cloudflare:test'
import type { WalletActor } from '../../durable-objects/wallet/actor'
import type { IssueCoupon } from '../../durable-objects/wallet/client'
import type { CouponTemplate } from '../../src/domain/pricing/types'
import { uid } from './ids'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export type WalletStub = DurableObjectStub<WalletActor>

export function walletStub(userId: string): WalletStub {
  return env.WALLET_ACTOR.get(env.WALLET_ACTOR.idFromName(userId))
}

export function terms(overrides: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    id: uid('tpl'),
    threshold: { amount: 0, currency: 'CNY' },
    benefit: { kind: 'amount_off', amountOff: { amount: 1000, currency: 'CNY' } },
    scope: {},
    stacking: 'stackable',
    startsAt: Date.now() - DAY,
    endsAt: Date.now() + DAY,
    ...overrides,
  }
}

export function couponOf(overrides: Partial<IssueCoupon> = {}): IssueCoupon {
  return {
    id: uid('cpn'),
    title: 'Ten off',
    terms: terms(),
    startsAt: Date.now() - HOUR,
    endsAt: Date.now() + DAY,
    ...overrides,
  }
}

/** Issues a coupon straight into a wallet (tests need expired ones the admin route refuses). */
export async function issueDirect(
  userId: string,
  overrides: Partial<IssueCoupon> = {},
): Promise<string> {
  const coupon = couponOf(overrides)
  const res = await walletStub(userId).issue(coupon)
  if (!res.ok) throw new Error(`issue: ${JSON.stringify(res)}`)
  return coupon.id
}

/** Delivers a wallet's outbox to D1 now. */
export async function flushWallet(userId: string): Promise<void> {
  const stub = walletStub(userId)
  for (let i = 0; i < 5; i++) {
    const { pending } = await stub.flushOutbox()
    if (pending === 0) return
  }
  throw new Error(`outbox of wallet ${userId} did not drain`)
}

/** Alarms survive between tests; a wallet test leaves none behind. */
export async function clearWalletAlarms(): Promise<void> {
  for (const id of await listDurableObjectIds(env.WALLET_ACTOR)) {
    await runInDurableObject(env.WALLET_ACTOR.get(id), (_i, state) => state.storage.deleteAlarm())
  }
}
