import type { Fulfilment } from './order-fulfilment'
import type { Label, Perspective } from './process/perspectives'
import type {
  GuardName,
  OrderAction,
  OrderProcess,
  OrderStatus,
  ProcessDefinition,
  Role,
  TimerRule,
  Transition,
} from './process/types'

/**
 * PROPOSAL for issue 6, to be merged into process/types.ts, physical.ts and presale.ts (and
 * virtual.ts for `close`): cancellation after payment, interception at the WMS, and `closed`
 * once everything is refunded. Written as data so the merge is copying rows; the tests merge
 * them into today's tables and run the validator.
 */
export const newStatuses = ['intercepting'] as const
export type ReverseStatus = OrderStatus | (typeof newStatuses)[number]

export const newActions = [
  'cancel_paid',
  'intercept',
  'intercept_succeeded',
  'intercept_failed',
  'close',
] as const
export type NewAction = (typeof newActions)[number]
export type ReverseAction = OrderAction | NewAction

/** not_pushed: nothing in a warehouse yet. in_warehouse: pushed or picking, so interceptable. */
export type NewGuardName = 'not_pushed' | 'in_warehouse' | 'not_in_warehouse'
export type ReverseGuardName = GuardName | NewGuardName

export interface ReverseTransition {
  readonly to: ReverseStatus
  readonly roles: readonly Role[]
  readonly guard?: ReverseGuardName
}

type Rows = { readonly [action in ReverseAction]?: ReverseTransition }

export interface ReverseProcess {
  readonly type: string
  readonly initial: ReverseStatus
  readonly states: readonly ReverseStatus[]
  readonly terminal: readonly ReverseStatus[]
  readonly actions: readonly ReverseAction[]
  readonly transitions: { readonly [state in ReverseStatus]?: Rows }
  readonly timers: { readonly [state in ReverseStatus]?: readonly TimerRule[] }
}

const cancellers = ['buyer', 'service', 'admin'] as const

/**
 * Rows added to pending_shipment. A paid order the WMS has not received is cancelled on the spot
 * (the queued push then finds it cancelled and stops); one the WMS holds goes to `intercepting`
 * while the WMS is asked. `ship` gains a guard: while the WMS holds the order, only its outbound
 * report may ship it, so a merchant cannot ship the same goods twice.
 */
export const pendingShipmentRows: Rows = {
  cancel_paid: { to: 'cancelled', roles: cancellers, guard: 'not_pushed' },
  intercept: { to: 'intercepting', roles: cancellers, guard: 'in_warehouse' },
  ship: {
    to: 'pending_receipt',
    roles: ['merchant', 'warehouse', 'admin'],
    guard: 'not_in_warehouse',
  },
}

/**
 * The state of an interception in flight: the WMS call runs after the commit, as a retried
 * effect, so a crash mid-call resumes here. Only its answer moves the order: intercepted (or
 * never received) cancels; already outbound puts the order back, and the buyer gets 409
 * INTERCEPT_FAILED.
 */
export const interceptingRows: Rows = {
  intercept_succeeded: { to: 'cancelled', roles: ['system'] },
  intercept_failed: { to: 'pending_shipment', roles: ['system'] },
}

/** Taken by the actor when the refund that returns the last unit succeeds (seed 000, case 3). */
export const closeRow: Rows = { close: { to: 'closed', roles: ['system'] } }

/** States from which a full refund closes the order: after-sales open once goods have shipped. */
const closable: readonly ReverseStatus[] = ['pending_receipt', 'completed']

/** Today's table with the reverse flows merged in: what physical.ts and presale.ts become. */
export function withReverseFlows(def: OrderProcess): ReverseProcess {
  const ships = def.states.includes('pending_shipment')
  const transitions: { [state in ReverseStatus]?: Rows } = { ...def.transitions }
  if (ships) {
    transitions.pending_shipment = { ...def.transitions.pending_shipment, ...pendingShipmentRows }
    transitions.intercepting = interceptingRows
  }
  for (const state of closable.filter((s) => def.states.some((d) => d === s))) {
    transitions[state] = { ...transitions[state], ...closeRow }
  }
  const added: readonly NewAction[] = ships ? newActions : ['close']
  // Idempotent: the live tables already carry these rows, and merging again changes nothing.
  const unique = <T>(xs: readonly T[]) => [...new Set(xs)]
  return {
    ...def,
    states: unique([...def.states, ...(ships ? newStatuses : []), 'closed']),
    terminal: unique([...def.terminal, 'closed']),
    actions: unique([...def.actions, ...added]),
    transitions,
  }
}

/** The merged table in the validator's and the Mermaid renderer's shape (guards left out). */
export function reverseStructure(def: ReverseProcess): ProcessDefinition {
  const transitions: Record<string, Record<string, Transition<string>>> = {}
  for (const [state, rows] of Object.entries(def.transitions)) {
    transitions[state] = Object.fromEntries(
      Object.entries(rows ?? {}).flatMap(([a, tr]) =>
        tr ? [[a, { to: tr.to, roles: tr.roles }]] : [],
      ),
    )
  }
  return { ...def, transitions }
}

export type GuardCode = 'CONFLICT' | 'INTERCEPT_FAILED'
type FulfilmentGuard = (subject: { readonly fulfilment?: Fulfilment }) => {
  readonly code: GuardCode
  readonly message: string
} | null

const stage = (s: { readonly fulfilment?: Fulfilment }): Fulfilment => s.fulfilment ?? 'not_pushed'

/** The new guards, for process/guards.ts; GuardSubject gains `fulfilment?: Fulfilment`. */
export const fulfilmentGuards: Readonly<Record<NewGuardName, FulfilmentGuard>> = {
  not_pushed: (s) =>
    stage(s) === 'not_pushed'
      ? null
      : { code: 'CONFLICT', message: 'the warehouse holds the order: it must be intercepted' },
  in_warehouse: (s) => {
    const f = stage(s)
    if (f === 'pushed' || f === 'picking') return null
    if (f === 'outbound')
      return { code: 'INTERCEPT_FAILED', message: 'the goods are already outbound' }
    return { code: 'CONFLICT', message: `nothing to intercept: the order is ${f}` }
  },
  not_in_warehouse: (s) => {
    const f = stage(s)
    if (f === 'not_pushed' || f === 'outbound') return null
    return { code: 'CONFLICT', message: 'the warehouse holds the order: it ships it' }
  },
}

export function isFulfilmentGuard(name: ReverseGuardName): name is NewGuardName {
  return Object.hasOwn(fulfilmentGuards, name)
}

/** The label row of the new status, for process/perspectives.ts. */
export const interceptingLabels: Readonly<Record<Perspective, Label>> = {
  buyer: { en: 'Cancelling', zh: '取消中' },
  merchant: { en: 'Intercepting', zh: '拦截中' },
  warehouse: { en: 'Intercept requested', zh: '待拦截' },
  service: { en: 'Cancelling: intercept at the warehouse', zh: '取消中（仓库拦截）' },
}
