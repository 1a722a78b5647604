import { toMermaid } from '../process/mermaid'
import { structureOf } from './structure'
import type { AfterSaleProcess } from './types'

/**
 * The after-sale machine as a Mermaid state diagram, drawn by the order processes' renderer, with
 * each state's timers as notes: a reviewer sees that silence approves and a lapsed return closes.
 */
export function afterSaleMermaid(def: AfterSaleProcess): string {
  const lines = [toMermaid(structureOf(def)).trimEnd()]
  for (const state of def.states) {
    for (const rule of def.timers[state] ?? []) {
      lines.push(`  note right of ${state} : ${rule.action} after ${rule.duration}`)
    }
  }
  return `${lines.join('\n')}\n`
}
