import { lendStep } from '../../src/domain/stock/adjustment'
import type { LendResult } from '../../src/domain/stock/results'
import type { StockLedger } from './ledger'
import type { StockNamespace } from './names'

/** A lend whose delivery failed is retried this long after by the lender's alarm. */
export const REDELIVER_MS = 5_000

export interface LenderDeps {
  readonly storage: DurableObjectStorage
  readonly ledger: StockLedger
  readonly ns: StockNamespace
}

/**
 * Takes up to `qty` free units out of the lender, recorded under `opId` with who they are for,
 * in one transaction. A repeated lend answers what the first one gave.
 */
export function recordLend(deps: LenderDeps, opId: string, qty: number, deliverTo: string) {
  return deps.storage.transactionSync((): Omit<LendResult, 'delivered'> => {
    const done = deps.ledger.lent(opId)
    if (done !== undefined) return { qty: done, replayed: true }
    const step = lendStep(deps.ledger.counts(), qty)
    if (step.counts) {
      deps.ledger.saveCounts(step.counts)
      deps.ledger.saveLend(opId, step.give, deliverTo)
    }
    return { qty: step.give, replayed: false }
  })
}

/**
 * Delivers lent units to the borrower as a restock under `${opId}:in` (delivering twice adds
 * once) and marks the lend delivered. False when the borrower could not be reached.
 */
export async function deliverLend(
  deps: LenderDeps,
  opId: string,
  qty: number,
  to: string,
): Promise<boolean> {
  try {
    const r = await deps.ns.get(deps.ns.idFromName(to)).restock(`${opId}:in`, qty)
    if (!r.ok) return false
    deps.storage.transactionSync(() => deps.ledger.delivered(opId))
    return true
  } catch {
    return false
  }
}

/** Every lend not yet known to have arrived, delivered again; whether any still failed. */
export async function redeliverLends(deps: LenderDeps): Promise<boolean> {
  const pending = deps.ledger.undelivered()
  const results = await Promise.all(
    pending.map((l) => deliverLend(deps, l.opId, l.qty, l.deliverTo)),
  )
  return results.some((ok) => !ok)
}
