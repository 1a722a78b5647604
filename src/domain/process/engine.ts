import { type GuardSubject, guards } from './guards'
import type {
  DurationVar,
  OrderAction,
  OrderProcess,
  OrderStatus,
  Role,
  TimerKind,
  TimerRule,
} from './types'

export type DecisionFailureCode =
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN'
  | 'BALANCE_WINDOW_NOT_OPEN'
  | 'AFTER_SALE_WINDOW_CLOSED'
  | 'CONFLICT'
  | 'INTERCEPT_FAILED'

export interface Decision {
  readonly ok: true
  readonly from: OrderStatus
  readonly to: OrderStatus
  /** Timers of the state being left; empty on a self-transition. */
  readonly disarm: readonly TimerKind[]
  /** Timers of the state being entered; empty on a self-transition. */
  readonly arm: readonly TimerRule[]
}

export interface DecisionFailure {
  readonly ok: false
  readonly code: DecisionFailureCode
  readonly message: string
  readonly details: Record<string, unknown>
}

/** Decides whether `role` may take `action` from `status` now; changes nothing. */
export function decide(
  process: OrderProcess,
  status: OrderStatus,
  action: OrderAction,
  role: Role,
  subject: GuardSubject,
  now: number,
): Decision | DecisionFailure {
  const tr = process.transitions[status]?.[action]
  const details = { state: status, action, type: process.type }
  if (!tr) {
    const message = `action ${action} is not allowed in state ${status}`
    return { ok: false, code: 'ILLEGAL_TRANSITION', message, details }
  }
  if (!tr.roles.includes(role)) {
    return { ok: false, code: 'FORBIDDEN', message: `role ${role} may not ${action}`, details }
  }
  const failure = tr.guard ? guards[tr.guard](subject, now) : null
  if (failure) return { ok: false, code: failure.code, message: failure.message, details }
  const moves = tr.to !== status
  return {
    ok: true,
    from: status,
    to: tr.to,
    disarm: moves ? (process.timers[status] ?? []).map((r) => r.kind) : [],
    arm: moves ? (process.timers[tr.to] ?? []) : [],
  }
}

export type Durations = Readonly<Record<DurationVar, number>>

/** When a timer armed at `enteredAt` falls due, in epoch ms. */
export function timerDueAt(
  rule: TimerRule,
  subject: GuardSubject,
  enteredAt: number,
  durations: Durations,
): number {
  const base =
    rule.base === 'balance_starts_at'
      ? Math.max(enteredAt, subject.presale?.balanceStartsAt ?? enteredAt)
      : enteredAt
  return base + durations[rule.duration] * 1000
}

/** The action a payment performs in each payable state; absent means nothing is payable. */
export const payActionByStatus: Partial<Record<OrderStatus, OrderAction>> = {
  pending_payment: 'pay',
  pending_deposit: 'pay_deposit',
  pending_balance: 'pay_balance',
}
