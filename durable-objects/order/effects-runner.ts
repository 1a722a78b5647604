import type { Env } from '../../src/env'
import type { AfterSaleDeps } from './after-sales/service'
import { afterSaleEffectDone } from './after-sales/service'
import { type EffectOutcome, type EffectTask, runEffect } from './effects'
import type { OrderLedger } from './ledger'
import type { OrderStore } from './store'

export interface EffectsRunnerDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
  readonly afterSales: () => AfterSaleDeps
}

/** What a finished effect means for the order; runs inside the effect's transaction. */
function settleEffect(
  deps: EffectsRunnerDeps,
  task: EffectTask,
  outcome: Exclude<EffectOutcome, { kind: 'retry' }>,
): void {
  if (outcome.kind === 'shortfall') {
    const payload = { effect: task.kind, lineNo: task.line?.lineNo ?? null, reason: outcome.reason }
    deps.ledger.note(task.kind === 'refund' ? 'refund_failed' : 'stock_shortfall', payload)
    return
  }
  if (task.refund && outcome.ledger) {
    const { paymentId, amount, reason } = task.refund
    deps.ledger.note('refund_succeeded', { paymentId, amount, reason }, { ledger: outcome.ledger })
  }
  if (task.afterSaleId) afterSaleEffectDone(deps.afterSales(), task)
  const order = outcome.followUp ? deps.store.load()?.order : undefined
  if (order && outcome.followUp) {
    // The warehouse's answer to an interception moves the order on.
    deps.ledger.transition(order, outcome.followUp, { by: { role: 'system', id: 'wms' } }, {})
  }
}

/** Runs the due effects once, each settled in its own transaction; how many finished. */
async function runDueEffects(deps: EffectsRunnerDeps): Promise<number> {
  let count = 0
  for (const task of deps.store.effects.due(Date.now(), 20)) {
    const outcome = await runEffect(deps.env, task.payload)
    deps.storage.transactionSync(() => {
      if (outcome.kind === 'retry') {
        deps.store.effects.retryLater(task.id, task.attempts, Date.now())
        return
      }
      deps.store.effects.done(task.id)
      count += 1
      settleEffect(deps, task.payload, outcome)
    })
  }
  return count
}

/**
 * The order's side effects (stock, wallet, refunds, messages), run after the transitions that
 * queued them; failures wait with backoff. One runner at a time: a call that finds one running
 * asks it to look again, and waits for it.
 */
export function createEffectsRunner(deps: EffectsRunnerDeps) {
  let running: Promise<number> | null = null
  let again = false

  async function drain(): Promise<number> {
    let count = 0
    do {
      again = false
      count += await runDueEffects(deps)
    } while (again)
    return count
  }

  return async function run(): Promise<{ done: number; pending: number }> {
    if (running) {
      again = true
      await running
      return { done: 0, pending: deps.store.effects.size() }
    }
    running = drain()
    try {
      const done = await running
      return { done, pending: deps.store.effects.size() }
    } finally {
      running = null
    }
  }
}
