import type { Order } from '../order'
import type { Failure, Result } from '../pricing/types'
import type { Role } from '../process/types'
import { afterSaleEligibility, type EligibilityFailureCode } from './eligibility'
import type { AfterSale } from './record'
import { checkRequest, type RefundFailureCode, type RequestedLine } from './refund-amounts'
import { afterSaleProcessFor } from './registry'
import type { AfterSaleTimerRule, AfterSaleType } from './types'
import { refundBasisOf } from './usage'

export interface OpenAfterSaleInput {
  readonly id: string
  readonly order: Order
  /** The order's after-sales so far, whatever their status. */
  readonly existing: readonly AfterSale[]
  readonly type: AfterSaleType
  readonly lines: readonly RequestedLine[]
  readonly reason: string
  readonly by: { readonly role: Role; readonly id: string }
  readonly now: number
}

export type OpenFailureCode = EligibilityFailureCode | RefundFailureCode | 'FORBIDDEN'

export interface OpenedAfterSale {
  readonly afterSale: AfterSale
  /** Timers of the initial state (the merchant's review), for the actor to arm. */
  readonly arm: readonly AfterSaleTimerRule[]
}

const openers: readonly Role[] = ['buyer', 'service', 'admin']

/**
 * A new after-sale, or why not: the order must admit one now, and every unit asked for must be
 * neither refunded nor held by another open after-sale. The actor runs this inside its
 * transaction, so of two concurrent requests for the last unit exactly one is opened.
 */
export function openAfterSale(input: OpenAfterSaleInput): Result<OpenedAfterSale, OpenFailureCode> {
  if (!openers.includes(input.by.role)) {
    return refuse('FORBIDDEN', `role ${input.by.role} may not open an after-sale`, {})
  }
  const ineligible = afterSaleEligibility(input.order, input.type)
  if (ineligible) return ineligible
  const refused = checkRequest(refundBasisOf(input.order, input.existing), input.lines)
  if (refused) return refused
  const def = afterSaleProcessFor(input.type)
  const afterSale: AfterSale = {
    id: input.id,
    orderId: input.order.id,
    type: input.type,
    status: def.initial,
    lines: input.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
    reason: input.reason,
    requestedBy: { role: input.by.role, id: input.by.id },
    returnShipment: null,
    refund: null,
    replacementOrderId: null,
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  }
  return { ok: true, value: { afterSale, arm: def.timers[def.initial] ?? [] } }
}

function refuse(
  code: OpenFailureCode,
  message: string,
  details: Record<string, unknown>,
): Failure<OpenFailureCode> {
  return { ok: false, code, message, details }
}
