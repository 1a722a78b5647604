import type { ProcessDefinition, Role, Vocabulary } from './types'

export interface Decision<V extends Vocabulary = Vocabulary> {
  readonly ok: true
  readonly from: V['state']
  readonly to: V['state']
  /** Timers of the state being left; empty on a self-transition. */
  readonly disarm: readonly V['timer']['kind'][]
  /** Timers of the state being entered; empty on a self-transition. */
  readonly arm: readonly V['timer'][]
}

export interface DecisionFailure<C extends string = string> {
  readonly ok: false
  readonly code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | C
  readonly message: string
  readonly details: Record<string, unknown>
}

/** Decides whether `role` may take `action` from `status` now, by the table; changes nothing. */
export function decide<V extends Vocabulary>(
  def: ProcessDefinition<V>,
  status: V['state'],
  action: V['action'],
  role: Role,
  subject: V['subject'],
  now: number = Date.now(),
): Decision<V> | DecisionFailure<V['failure']> {
  const tr = def.transitions[status]?.[action]
  const details = { state: status, action, type: def.type }
  if (!tr) {
    const message = `action ${action} is not allowed in state ${status}`
    return { ok: false, code: 'ILLEGAL_TRANSITION', message, details }
  }
  if (!tr.roles.includes(role)) {
    return { ok: false, code: 'FORBIDDEN', message: `role ${role} may not ${action}`, details }
  }
  const guard: V['guard'] | undefined = tr.guard
  const failure = guard === undefined ? null : def.guards[guard](subject, now)
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

/**
 * When a timer armed at `enteredAt` falls due, in epoch ms: its duration after the state's entry,
 * or after the later moment its `base` names when `bases` knows it.
 */
export function timerDueAt(
  rule: { readonly duration: string; readonly base?: string },
  enteredAt: number,
  durations: Readonly<Record<string, number>>,
  bases: Readonly<Record<string, number | undefined>> = {},
): number {
  const later = rule.base === undefined ? undefined : bases[rule.base]
  const base = later === undefined ? enteredAt : Math.max(enteredAt, later)
  return base + (durations[rule.duration] ?? 0) * 1000
}
