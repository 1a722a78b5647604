import type { ProcessTable } from './types'

/** Everything wrong with a process table; empty when it is sound. */
export function processProblems(def: ProcessTable): string[] {
  const problems: string[] = []
  const states = new Set<string>(def.states)
  const actions = new Set<string>(def.actions)
  const used = new Set<string>()
  if (!states.has(def.initial)) problems.push(`initial state ${def.initial} is not declared`)
  for (const t of def.terminal) if (!states.has(t)) problems.push(`terminal ${t} is not declared`)
  for (const [from, byAction] of Object.entries(def.transitions)) {
    if (!states.has(from)) problems.push(`transitions from unknown state ${from}`)
    for (const [action, tr] of Object.entries(byAction ?? {})) {
      used.add(action)
      if (!actions.has(action)) problems.push(`unknown action ${action} in ${from}`)
      if (tr && !states.has(tr.to)) problems.push(`${from} --${action}--> unknown state ${tr.to}`)
      if (tr && tr.roles.length === 0) problems.push(`${from} --${action}--> allows no role`)
    }
  }
  for (const a of def.actions) if (!used.has(a)) problems.push(`action ${a} has no transition`)
  problems.push(...reachabilityProblems(def), ...timerProblems(def))
  return problems
}

function timerProblems(def: ProcessTable): string[] {
  const problems: string[] = []
  for (const [state, rules] of Object.entries(def.timers)) {
    if (!def.states.some((s) => s === state)) problems.push(`timers on unknown state ${state}`)
    for (const rule of rules ?? []) {
      if (!def.transitions[state]?.[rule.action]) {
        problems.push(`timer ${rule.kind} in ${state} fires ${rule.action}, not allowed there`)
      }
    }
  }
  return problems
}

function reachabilityProblems(def: ProcessTable): string[] {
  const problems: string[] = []
  const seen = new Set<string>([def.initial])
  const queue: string[] = [def.initial]
  while (queue.length > 0) {
    const state = queue.shift() as string
    for (const tr of Object.values(def.transitions[state] ?? {})) {
      if (tr && !seen.has(tr.to)) {
        seen.add(tr.to)
        queue.push(tr.to)
      }
    }
  }
  for (const s of def.states) {
    if (!seen.has(s)) problems.push(`state ${s} is unreachable from ${def.initial}`)
    const outgoing = Object.keys(def.transitions[s] ?? {}).length
    const terminal = def.terminal.includes(s)
    if (terminal && outgoing > 0) problems.push(`terminal state ${s} has outgoing transitions`)
    if (!terminal && outgoing === 0) problems.push(`state ${s} is a dead end but not terminal`)
  }
  return problems
}

/** Refuses to start with a broken table: a wrong process must never serve traffic. */
export function assertValidProcess<D extends ProcessTable>(def: D): D {
  const problems = processProblems(def)
  if (problems.length > 0) {
    throw new Error(`${def.family} process ${def.type} is invalid: ${problems.join('; ')}`)
  }
  return def
}
