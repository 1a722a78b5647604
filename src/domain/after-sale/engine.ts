import type { Role } from '../process/types'
import { type AfterSaleGuardSubject, afterSaleGuards } from './guards'
import type {
  AfterSaleAction,
  AfterSaleDurations,
  AfterSaleDurationVar,
  AfterSaleProcess,
  AfterSaleStatus,
  AfterSaleTimerKind,
  AfterSaleTimerRule,
} from './types'

export type AfterSaleDecisionFailureCode =
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN'
  | 'RETURN_ALREADY_SHIPPED'

export interface AfterSaleDecision {
  readonly ok: true
  readonly from: AfterSaleStatus
  readonly to: AfterSaleStatus
  /** Timers of the state being left; empty on a self-transition. */
  readonly disarm: readonly AfterSaleTimerKind[]
  /** Timers of the state being entered; empty on a self-transition. */
  readonly arm: readonly AfterSaleTimerRule[]
}

export interface AfterSaleDecisionFailure {
  readonly ok: false
  readonly code: AfterSaleDecisionFailureCode
  readonly message: string
  readonly details: Record<string, unknown>
}

/** Decides whether `role` may take `action` on an after-sale in `status` now; changes nothing. */
export function decideAfterSale(
  def: AfterSaleProcess,
  status: AfterSaleStatus,
  action: AfterSaleAction,
  role: Role,
  subject: AfterSaleGuardSubject,
): AfterSaleDecision | AfterSaleDecisionFailure {
  const tr = def.transitions[status]?.[action]
  const details = { state: status, action, type: def.type }
  if (!tr) {
    const message = `action ${action} is not allowed in state ${status}`
    return { ok: false, code: 'ILLEGAL_TRANSITION', message, details }
  }
  if (!tr.roles.includes(role)) {
    return { ok: false, code: 'FORBIDDEN', message: `role ${role} may not ${action}`, details }
  }
  const failure = tr.guard ? afterSaleGuards[tr.guard](subject) : null
  if (failure) return { ok: false, code: failure.code, message: failure.message, details }
  const moves = tr.to !== status
  return {
    ok: true,
    from: status,
    to: tr.to,
    disarm: moves ? (def.timers[status] ?? []).map((r) => r.kind) : [],
    arm: moves ? (def.timers[tr.to] ?? []) : [],
  }
}

/** When a timer armed at `enteredAt` falls due, in epoch ms. */
export function afterSaleDueAt(
  rule: AfterSaleTimerRule,
  enteredAt: number,
  durations: AfterSaleDurations,
): number {
  return enteredAt + durations[rule.duration] * 1000
}

const defaults: AfterSaleDurations = {
  MERCHANT_REVIEW_SECONDS: 48 * 3600,
  RETURN_SHIP_SECONDS: 7 * 24 * 3600,
}

/** Durations from wrangler vars (strings); a missing or bad value falls back to its default. */
export function afterSaleDurationsFrom(
  vars: Partial<Record<AfterSaleDurationVar, string>>,
): AfterSaleDurations {
  const pick = (name: AfterSaleDurationVar): number => {
    const n = Number(vars[name])
    return Number.isSafeInteger(n) && n > 0 ? n : defaults[name]
  }
  return {
    MERCHANT_REVIEW_SECONDS: pick('MERCHANT_REVIEW_SECONDS'),
    RETURN_SHIP_SECONDS: pick('RETURN_SHIP_SECONDS'),
  }
}

/**
 * The order actor keeps one timers table keyed by kind, so an after-sale's timer is named by
 * the after-sale and its kind: two after-sales of one order never overwrite each other's timer.
 */
export function afterSaleTimerKey(afterSaleId: string, kind: AfterSaleTimerKind): string {
  return `as:${afterSaleId}:${kind}`
}

/** The after-sale and kind a timers-table key names, or null for an order timer. */
export function parseAfterSaleTimerKey(
  key: string,
): { readonly afterSaleId: string; readonly kind: AfterSaleTimerKind } | null {
  const match = /^as:(.+):(merchant_review|return_ship_deadline)$/.exec(key)
  const [, afterSaleId, kind] = match ?? []
  if (!afterSaleId || (kind !== 'merchant_review' && kind !== 'return_ship_deadline')) return null
  return { afterSaleId, kind }
}
