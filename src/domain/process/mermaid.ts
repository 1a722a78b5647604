import type { ProcessTable } from './types'

/**
 * The process as a Mermaid state diagram, for docs and the admin console, with each state's
 * timers as notes: a reader sees what silence does (a review auto-approved, an order expired).
 */
export function toMermaid(def: ProcessTable): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${def.initial}`]
  for (const state of def.states) {
    for (const [action, tr] of Object.entries(def.transitions[state] ?? {})) {
      if (tr) lines.push(`  ${state} --> ${tr.to} : ${action}`)
    }
  }
  for (const state of def.terminal) lines.push(`  ${state} --> [*]`)
  for (const state of def.states) {
    for (const rule of def.timers[state] ?? []) {
      lines.push(`  note right of ${state} : ${rule.action} after ${rule.duration}`)
    }
  }
  return `${lines.join('\n')}\n`
}
