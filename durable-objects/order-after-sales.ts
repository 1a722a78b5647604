import type { Json } from '../src/domain/order'
import type { Env } from '../src/env'
import { fail, type Result } from '../src/errors'
import type { EffectTask } from './order-effects'
import type { OrderLedger } from './order-ledger'
import type { OrderStore } from './order-store'

/**
 * After-sales inside the order actor: each after-sale is a record in the order's own storage,
 * moved by its own process table (src/domain/after-sale), its events in the order's log, its
 * timers on the order's alarm, its refunds and restocks in the order's effects queue.
 */
export interface AfterSaleDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

/** Statements the order store runs once, in its schema migration for after-sales. */
export const afterSalesSchema: readonly string[] = [
  `CREATE TABLE after_sales (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
]

export type AfterSaleView = { [k: string]: Json }

export interface AfterSaleRequest {
  readonly by: { readonly role: string; readonly id: string; readonly storeId?: string | null }
  readonly type: string
  readonly lines: readonly { readonly lineNo: number; readonly qty: number }[]
  readonly reason: string
}

export async function openAfterSaleIn(
  _deps: AfterSaleDeps,
  _request: AfterSaleRequest,
): Promise<Result<{ afterSale: AfterSaleView }>> {
  return fail('BUSINESS_RULE', 'after-sales are not available yet')
}

export async function afterSaleActionIn(
  _deps: AfterSaleDeps,
  _input: {
    readonly by: AfterSaleRequest['by']
    readonly afterSaleId: string
    readonly action: string
    readonly payload: { [k: string]: Json }
  },
): Promise<Result<{ afterSale: AfterSaleView }>> {
  return fail('BUSINESS_RULE', 'after-sales are not available yet')
}

export function afterSalesOf(_deps: AfterSaleDeps): AfterSaleView[] {
  return []
}

/** A due after-sale timer (kind starts with `after_sale:`); one its state no longer allows is spent. */
export function fireAfterSaleTimer(deps: AfterSaleDeps, kind: string): void {
  deps.storage.transactionSync(() => deps.store.timers.clear(kind))
}

/** A refund or restock effect of an after-sale finished; the caller holds the transaction. */
export function afterSaleEffectDone(_deps: AfterSaleDeps, _task: EffectTask): void {}
