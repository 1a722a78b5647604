import type { ProcessDefinition } from './types'

/** The process as a Mermaid state diagram, for docs and the admin console. */
export function toMermaid(def: ProcessDefinition): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${def.initial}`]
  for (const state of def.states) {
    for (const [action, tr] of Object.entries(def.transitions[state] ?? {})) {
      if (tr) lines.push(`  ${state} --> ${tr.to} : ${action}`)
    }
  }
  for (const state of def.terminal) lines.push(`  ${state} --> [*]`)
  return `${lines.join('\n')}\n`
}
