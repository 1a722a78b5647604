import type { Env } from '../../src/env'
import type { ErrorCode } from '../../src/errors'

/** What the order actor needs of a buyer's wallet; every call is idempotent per order id. */
export interface WalletPort {
  redeem(orderId: string, couponIds: string[], points: number): Promise<WalletAnswer>
  release(orderId: string): Promise<WalletAnswer>
  consume(orderId: string): Promise<WalletAnswer>
  restorePoints(orderId: string, points: number, opId?: string): Promise<WalletAnswer>
}

export type WalletAnswer =
  | { ok: true }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> }

export function walletOf(env: Env, userId: string): WalletPort {
  return env.WALLET_ACTOR.get(env.WALLET_ACTOR.idFromName(userId)) as unknown as WalletPort
}
