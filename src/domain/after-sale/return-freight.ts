import type { RefundPlan } from './refund-amounts'

/**
 * Why goods come back, as a code: who pays the return shipment follows from it. A quality
 * problem, a wrong item or damage in transit is the merchant's doing; a return without a reason
 * (the buyer changed their mind) is the buyer's.
 */
export const returnReasons = ['quality_problem', 'wrong_item', 'damaged', 'no_reason'] as const
export type ReturnReason = (typeof returnReasons)[number]

export type FreightParty = 'buyer' | 'merchant'

/** Who bears the return freight, by reason. */
export const returnFreightPayer: Readonly<Record<ReturnReason, FreightParty>> = {
  quality_problem: 'merchant',
  wrong_item: 'merchant',
  damaged: 'merchant',
  no_reason: 'buyer',
}

/** An after-sale opened without a code is a return without a reason. */
export const defaultReturnReason: ReturnReason = 'no_reason'

/**
 * What the return shipment cost and who paid the carrier, as its waybill says: the buyer
 * (sent prepaid) or the merchant (sent freight collect). Whoever receives the goods states it.
 */
export interface ReturnFreight {
  readonly amount: number
  readonly currency: string
  readonly paidBy: FreightParty
}

/** The return freight as it settles in the refund. */
export interface ReturnFreightSettlement extends ReturnFreight {
  /** Who bears it, by the reason. */
  readonly payer: FreightParty
  /**
   * What it changes in the refund, minor units: + when the buyer paid what the merchant bears
   * (paid back with the refund), - when the merchant paid what the buyer bears (kept from the
   * refund), 0 when whoever bears it paid it.
   */
  readonly adjustment: number
}

/**
 * The refund's change for the return freight. A deduction never takes the refund below zero. An
 * addition comes out of the payments, which hold every unit's final amount for that unit's own
 * refund: only the order's freight (never refunded once goods travelled) is free to pay it, so
 * `headroom` is that freight minus what earlier additions took. What the merchant owes beyond it
 * stays visible as the stated amount against the adjustment.
 */
export function returnFreightAdjustment(
  payer: FreightParty,
  freight: ReturnFreight,
  bounds: { readonly refund: number; readonly headroom: number },
): number {
  if (freight.paidBy === payer || freight.amount <= 0) return 0
  if (freight.paidBy === 'buyer') return Math.min(freight.amount, Math.max(bounds.headroom, 0))
  return -Math.min(freight.amount, bounds.refund)
}

/** A refund plan with its return freight settled: the total moves by the adjustment. */
export type PlanWithFreight = RefundPlan & {
  readonly returnFreight: ReturnFreightSettlement | null
}

export function settleReturnFreight(
  plan: RefundPlan,
  payer: FreightParty,
  freight: ReturnFreight | null,
  headroom: number,
): PlanWithFreight {
  if (!freight) return { ...plan, returnFreight: null }
  const adjustment = returnFreightAdjustment(payer, freight, { refund: plan.total, headroom })
  return {
    ...plan,
    total: plan.total + adjustment,
    returnFreight: { ...freight, payer, adjustment },
  }
}
