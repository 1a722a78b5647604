import { toMermaid } from '../process/mermaid'
import type { ProcessDefinition, Role, Transition } from '../process/types'
import { assertValidProcess } from '../process/validate'
import { subscriptionProcess } from './process'
import type { SubscriptionAction, SubscriptionProcess, SubscriptionStatus } from './types'

/**
 * The subscription table as a plain ProcessDefinition, so the order processes' validator and
 * Mermaid renderer serve it too. Its timers speak the subscription's vocabulary and are drawn as
 * notes instead.
 */
function structureOf(def: SubscriptionProcess): ProcessDefinition {
  const transitions: Record<string, Record<string, Transition<string>>> = {}
  for (const [state, byAction] of Object.entries(def.transitions)) {
    const rows: Record<string, Transition<string>> = {}
    for (const [action, tr] of Object.entries(byAction ?? {})) {
      if (tr) rows[action] = { to: tr.to, roles: tr.roles }
    }
    transitions[state] = rows
  }
  const { type, initial, states, terminal, actions } = def
  return {
    family: 'subscription',
    type,
    initial,
    states,
    terminal,
    actions,
    transitions,
    timers: {},
    guards: {},
  }
}

/** Validated when the module loads, so a broken table never serves. */
assertValidProcess(structureOf(subscriptionProcess))

export const subscriptionMachine: SubscriptionProcess = subscriptionProcess

/** The machine as a Mermaid state diagram, with each state's timers as notes. */
export function subscriptionMermaid(def: SubscriptionProcess = subscriptionMachine): string {
  const lines = [toMermaid(structureOf(def)).trimEnd()]
  for (const state of def.states) {
    for (const rule of def.timers[state] ?? []) {
      lines.push(`  note right of ${state} : ${rule.action} after ${rule.duration}`)
    }
  }
  return `${lines.join('\n')}\n`
}

export type SubscriptionDecision =
  | { readonly ok: true; readonly from: SubscriptionStatus; readonly to: SubscriptionStatus }
  | {
      readonly ok: false
      readonly code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'
      readonly message: string
      readonly details: Record<string, unknown>
    }

/** Whether `role` may take `action` from `status`; changes nothing. */
export function decideSubscription(
  status: SubscriptionStatus,
  action: SubscriptionAction,
  role: Role,
): SubscriptionDecision {
  const tr = subscriptionMachine.transitions[status]?.[action]
  const details = { state: status, action, type: 'subscription' }
  if (!tr) {
    const message = `action ${action} is not allowed in state ${status}`
    return { ok: false, code: 'ILLEGAL_TRANSITION', message, details }
  }
  if (!tr.roles.includes(role)) {
    return { ok: false, code: 'FORBIDDEN', message: `role ${role} may not ${action}`, details }
  }
  return { ok: true, from: status, to: tr.to }
}
