import type { AfterSaleDecision, AfterSaleStatus, AfterSaleType } from '../process/after-sale-types'
import type { Role } from '../process/types'
import type { RefundPlan, RequestedLine } from './refund-amounts'
import type { ReturnAddress } from './return-address'
import type { ReturnFreight, ReturnFreightSettlement, ReturnReason } from './return-freight'

export interface ReturnShipment {
  readonly carrier: string
  readonly trackingNumber: string
}

/**
 * One after-sale of an order: its own record beside the order, never an edit of the order's
 * money. It lives in the order actor's storage, so the checks that its units
 * are still free and its refund's amounts run in the same transaction as the order's own.
 */
export interface AfterSale {
  readonly id: string
  readonly orderId: string
  readonly type: AfterSaleType
  readonly status: AfterSaleStatus
  readonly lines: readonly RequestedLine[]
  readonly reason: string
  readonly requestedBy: { readonly role: Role; readonly id: string }
  readonly returnShipment: ReturnShipment | null
  /** Fixed when the refund commits (entering pending_refund); null before, and for exchanges. */
  readonly refund: RefundPlan | null
  /** The zero-value order an exchange sends out, once the returned goods are in. */
  readonly replacementOrderId: string | null
  /** Why, as a code: who bears the return freight follows it (absent: a return without reason). */
  readonly reasonCode?: ReturnReason
  /** Where the buyer sends the goods, given by the reviewer who approved (or the store's). */
  readonly returnAddress?: ReturnAddress | null
  /** The store's return address on file when the after-sale opened: an approval's default. */
  readonly storeReturnAddress?: ReturnAddress | null
  /** The return shipment's cost and who paid it, and what that changed in the refund. */
  readonly returnFreight?: ReturnFreightSettlement | null
  /** The repaired goods on their way back to the buyer. */
  readonly repairShipment?: ReturnShipment | null
  readonly createdAt: number
  readonly updatedAt: number
  /** Events applied to this after-sale; its history is in the order's event log. */
  readonly version: number
}

/** What an action records on the after-sale besides its status. */
export interface AfterSalePatch {
  readonly returnShipment?: ReturnShipment
  readonly refund?: RefundPlan
  readonly replacementOrderId?: string
  readonly returnAddress?: ReturnAddress
  /** As stated on receipt; settled into the refund when it commits. */
  readonly returnFreight?: ReturnFreight
  readonly returnFreightSettled?: ReturnFreightSettlement
  readonly repairShipment?: ReturnShipment
}

/** The after-sale after a decided action; recorded facts are only ever added, never cleared. */
export function advanceAfterSale(
  record: AfterSale,
  decision: AfterSaleDecision,
  patch: AfterSalePatch,
  now: number,
): AfterSale {
  return {
    ...record,
    status: decision.to,
    returnShipment: patch.returnShipment ?? record.returnShipment,
    refund: patch.refund ?? record.refund,
    replacementOrderId: patch.replacementOrderId ?? record.replacementOrderId,
    returnAddress: patch.returnAddress ?? record.returnAddress ?? null,
    returnFreight: patch.returnFreightSettled ?? record.returnFreight ?? null,
    repairShipment: patch.repairShipment ?? record.repairShipment ?? null,
    updatedAt: now,
    version: record.version + 1,
  }
}

const refundTypes: ReadonlySet<AfterSaleType> = new Set(['refund_only', 'return_refund'])

/**
 * Whether entering `to` is where this after-sale's refund commits: the actor then computes the
 * plan (planRefund) in the same transaction and queues the provider refund.
 */
export function commitsRefund(record: AfterSale, to: AfterSaleStatus): boolean {
  return refundTypes.has(record.type) && to === 'pending_refund' && record.refund === null
}

/** Whether entering `to` creates the exchange's zero-value replacement order. */
export function createsReplacement(record: AfterSale, to: AfterSaleStatus): boolean {
  return record.type === 'exchange' && to === 'exchange_outbound'
}
