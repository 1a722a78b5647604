import type { ProcessDefinition, Transition } from '../process/types'
import type { AfterSaleProcess } from './types'

/**
 * The after-sale table as a plain ProcessDefinition (states, actions, targets, roles), so the
 * order processes' validator and Mermaid renderer serve it too. Guards and timers speak the
 * after-sale vocabulary, so they are left out here and checked by after-sale code instead.
 */
export function structureOf(def: AfterSaleProcess): ProcessDefinition {
  const transitions: Record<string, Record<string, Transition<string>>> = {}
  for (const [state, byAction] of Object.entries(def.transitions)) {
    const rows: Record<string, Transition<string>> = {}
    for (const [action, tr] of Object.entries(byAction ?? {})) {
      if (tr) rows[action] = { to: tr.to, roles: tr.roles }
    }
    transitions[state] = rows
  }
  return {
    type: `after_sale:${def.type}`,
    initial: def.initial,
    states: def.states,
    terminal: def.terminal,
    actions: def.actions,
    transitions,
    timers: {},
  }
}
