import { withGiftsTakenBack } from '../gift-take-back'
import type { Order } from '../order'
import { addUnits } from '../partial-cancel/units'
import {
  type AfterSaleTimerRule,
  type AfterSaleType,
  afterSaleTypes,
} from '../process/after-sale-types'
import { afterSaleProcessFor } from '../process/registry'
import type { Role } from '../process/types'
import type { Failure, Result } from '../result'
import { afterSaleEligibility, type EligibilityFailureCode } from './eligibility'
import type { AfterSale } from './record'
import {
  checkRequest,
  type RefundFailureCode,
  type RequestedLine,
  remainingUnits,
} from './refund-amounts'
import type { ReturnReason } from './return-freight'
import { refundBasisOf } from './usage'

export interface OpenAfterSaleInput {
  readonly id: string
  readonly order: Order
  /** The order's after-sales so far, whatever their status. */
  readonly existing: readonly AfterSale[]
  readonly type: AfterSaleType
  readonly lines: readonly RequestedLine[]
  readonly reason: string
  /** Why, as a code; absent is a return without reason. */
  readonly reasonCode?: ReturnReason
  readonly by: { readonly role: Role; readonly id: string }
  readonly now: number
}

export type OpenFailureCode = EligibilityFailureCode | RefundFailureCode | 'FORBIDDEN'

export interface OpenedAfterSale {
  readonly afterSale: AfterSale
  /** Timers of the initial state (the merchant's review), for the actor to arm. */
  readonly arm: readonly AfterSaleTimerRule[]
}

/**
 * Who may open which after-sale. The buyer asks for any; customer service and admins for the
 * buyer; a merchant may only give money back (a refund only) on its own store's order, since a
 * return or an exchange needs the buyer to send goods.
 */
const openers: Readonly<Record<Role, readonly AfterSaleType[]>> = {
  buyer: afterSaleTypes,
  service: afterSaleTypes,
  admin: afterSaleTypes,
  merchant: ['refund_only'],
  warehouse: [],
  system: [],
}

/**
 * A new after-sale, or why not: the order must admit one now, and every unit asked for must be
 * neither refunded nor held by another open after-sale. The actor runs this inside its
 * transaction, so of two concurrent requests for the last unit exactly one is opened.
 */
export function openAfterSale(
  input: OpenAfterSaleInput,
): Result<{ readonly value: OpenedAfterSale }, OpenFailureCode> {
  if (!openers[input.by.role].includes(input.type)) {
    const message = `role ${input.by.role} may not open a ${input.type} after-sale`
    return refuse('FORBIDDEN', message, {})
  }
  const ineligible = afterSaleEligibility(input.order, input.type)
  if (ineligible) return ineligible
  const basis = refundBasisOf(input.order, input.existing)
  const refused = checkRequest(basis, input.lines) ?? keepsReplacement(input, basis)
  if (refused) return refused
  const lines = requestedWithGifts(input, basis)
  const def = afterSaleProcessFor(input.type)
  const afterSale: AfterSale = {
    id: input.id,
    orderId: input.order.id,
    type: input.type,
    status: def.initial,
    lines: lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
    reason: input.reason,
    ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
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

/**
 * A return takes back with the goods the gift units they no longer earn, so returning a purchase
 * for its money does not leave the buyer its gift; they are refunded 0 and restocked like the
 * rest. A refund without a return leaves the goods, gift included, with the buyer, and an
 * exchange keeps the units that earned it.
 */
function requestedWithGifts(
  input: OpenAfterSaleInput,
  basis: ReturnType<typeof refundBasisOf>,
): readonly RequestedLine[] {
  if (input.type !== 'return_refund') return input.lines
  const gone = addUnits(basis.refunded, basis.reserved ?? {})
  return withGiftsTakenBack(input.order.lines, gone, input.lines)
}

/** Units of each line swapped by an exchange whose replacement was sent. */
function exchangedUnits(existing: readonly AfterSale[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const a of existing) {
    if (a.type !== 'exchange' || a.replacementOrderId === null) continue
    for (const l of a.lines) out.set(l.lineNo, (out.get(l.lineNo) ?? 0) + l.qty)
  }
  return out
}

/**
 * A refund without a return on exchanged units would let the buyer keep the replacement and
 * the money: those units can only be returned (with the replacement sent back) for a refund.
 */
function keepsReplacement(
  input: OpenAfterSaleInput,
  basis: ReturnType<typeof refundBasisOf>,
): Failure<OpenFailureCode> | null {
  if (input.type !== 'refund_only') return null
  const exchanged = exchangedUnits(input.existing)
  for (const { lineNo, qty } of input.lines) {
    const line = basis.lines.find((l) => l.lineNo === lineNo)
    // Exchanged units already returned for a refund are settled.
    const swapped = Math.max((exchanged.get(lineNo) ?? 0) - (basis.refunded[lineNo] ?? 0), 0)
    if (!line || swapped === 0) continue
    const free = Math.max(remainingUnits(basis, line) - swapped, 0)
    if (qty > free) {
      const message = `line ${lineNo}: ${swapped} units were exchanged; return them for a refund`
      return refuse('QUANTITY_EXCEEDS_REMAINING', message, { lineNo, qty, remaining: free })
    }
  }
  return null
}

function refuse(
  code: OpenFailureCode,
  message: string,
  details: Record<string, unknown>,
): Failure<OpenFailureCode> {
  return { ok: false, code, message, details }
}
