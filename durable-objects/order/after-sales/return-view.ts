import type { AfterSale } from '../../../src/domain/after-sale/record'
import type { ReturnAddress } from '../../../src/domain/after-sale/return-address'
import {
  defaultReturnReason,
  type FreightParty,
  type ReturnReason,
} from '../../../src/domain/after-sale/return-freight'
import type { Money } from '../../../src/domain/money'
import { freightPayerOf } from './return-details'

/** The return freight as the API shows it: what it cost, who paid it, what it did to the refund. */
export type ReturnFreightView = {
  readonly amount: Money
  readonly paidBy: FreightParty
  readonly payer: FreightParty
  readonly adjustment: Money
}

/** What an after-sale shows of the goods' way back and forth. */
export type ReturnDetailsView = {
  readonly reasonCode: ReturnReason
  readonly returnFreightPayer: FreightParty
  readonly returnAddress: ReturnAddress | null
  readonly returnFreight: ReturnFreightView | null
  readonly repairShipment: { readonly carrier: string; readonly trackingNumber: string } | null
}

export function returnFreightView(a: AfterSale): ReturnFreightView | null {
  const f = a.returnFreight
  if (!f) return null
  const m = (amount: number): Money => ({ amount, currency: f.currency })
  return { amount: m(f.amount), paidBy: f.paidBy, payer: f.payer, adjustment: m(f.adjustment) }
}

export function returnDetailsView(a: AfterSale): ReturnDetailsView {
  return {
    reasonCode: a.reasonCode ?? defaultReturnReason,
    returnFreightPayer: freightPayerOf(a),
    returnAddress: a.returnAddress ? { ...a.returnAddress } : null,
    returnFreight: returnFreightView(a),
    repairShipment: a.repairShipment ? { ...a.repairShipment } : null,
  }
}
