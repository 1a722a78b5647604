import { processProblems } from '../process/validate'
import { structureOf } from './structure'
import type { AfterSaleProcess } from './types'

/**
 * Everything wrong with an after-sale table: the order validator's structural checks (unknown
 * and unreachable states, dead ends, unused actions) plus timers that fire an action their state
 * does not allow, which the structural copy cannot see.
 */
export function afterSaleProblems(def: AfterSaleProcess): string[] {
  const problems = processProblems(structureOf(def))
  // Timer keys are typed as statuses, so only a status missing from `states` can slip in.
  for (const state of Object.keys(def.timers)) {
    if (!def.states.some((s) => s === state)) problems.push(`timers on unknown state ${state}`)
  }
  for (const state of def.states) {
    for (const rule of def.timers[state] ?? []) {
      if (!def.transitions[state]?.[rule.action]) {
        problems.push(`timer ${rule.kind} in ${state} fires ${rule.action}, not allowed there`)
      }
    }
  }
  return problems
}

/** Refuses to start with a broken table: a wrong after-sale machine must never serve traffic. */
export function assertValidAfterSale(def: AfterSaleProcess): AfterSaleProcess {
  const problems = afterSaleProblems(def)
  if (problems.length > 0) {
    throw new Error(`after-sale process ${def.type} is invalid: ${problems.join('; ')}`)
  }
  return def
}
