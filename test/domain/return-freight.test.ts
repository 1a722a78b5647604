import { describe, expect, it } from 'vitest'
import { planRefund } from '../../src/domain/after-sale/refund-amounts'
import { approvalAddress, returnAddressRefusal } from '../../src/domain/after-sale/return-address'
import {
  returnFreightAdjustment,
  returnFreightPayer,
  returnReasons,
  settleReturnFreight,
} from '../../src/domain/after-sale/return-freight'

const address = {
  name: 'Returns desk',
  phone: '021-555',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Dock Rd',
}

describe('who pays the return freight', () => {
  it('follows the reason: the merchant for its faults, the buyer for a return without reason', () => {
    expect(Object.fromEntries(returnReasons.map((r) => [r, returnFreightPayer[r]]))).toEqual({
      quality_problem: 'merchant',
      wrong_item: 'merchant',
      damaged: 'merchant',
      no_reason: 'buyer',
    })
  })

  it('adds what the buyer paid for the merchant, keeps back what the merchant paid for the buyer', () => {
    const bounds = { refund: 10000, headroom: 2000 }
    expect(
      returnFreightAdjustment(
        'merchant',
        { amount: 1200, paidBy: 'buyer', currency: 'CNY' },
        bounds,
      ),
    ).toBe(1200)
    expect(
      returnFreightAdjustment(
        'buyer',
        { amount: 1200, paidBy: 'merchant', currency: 'CNY' },
        bounds,
      ),
    ).toBe(-1200)
    expect(
      returnFreightAdjustment('buyer', { amount: 1200, paidBy: 'buyer', currency: 'CNY' }, bounds),
    ).toBe(0)
    expect(
      returnFreightAdjustment(
        'merchant',
        { amount: 1200, paidBy: 'merchant', currency: 'CNY' },
        bounds,
      ),
    ).toBe(0)
  })

  it('never refunds below zero, and adds no more than the order’s freight leaves free', () => {
    expect(
      returnFreightAdjustment(
        'buyer',
        { amount: 900, paidBy: 'merchant', currency: 'CNY' },
        { refund: 500, headroom: 800 },
      ),
    ).toBe(-500)
    expect(
      returnFreightAdjustment(
        'merchant',
        { amount: 900, paidBy: 'buyer', currency: 'CNY' },
        { refund: 500, headroom: 300 },
      ),
    ).toBe(300)
  })

  it('settles into the refund total, leaving the items and points as the units say', () => {
    const basis = {
      currency: 'CNY',
      lines: [{ lineNo: 1, qty: 2, finalAmount: 8333 }],
      freight: 1000,
      pointsUsed: 100,
      nothingShipped: false,
      refunded: {},
    }
    const plan = planRefund(basis, [{ lineNo: 1, qty: 1 }])
    if (!plan.ok) throw new Error(plan.message)
    const settled = settleReturnFreight(
      plan.value,
      'buyer',
      { amount: 800, paidBy: 'merchant', currency: 'CNY' },
      1000,
    )
    expect(settled).toMatchObject({ items: 4167, total: 3367, points: 50 })
    expect(settled.returnFreight).toEqual({
      amount: 800,
      currency: 'CNY',
      paidBy: 'merchant',
      payer: 'buyer',
      adjustment: -800,
    })
    expect(settleReturnFreight(plan.value, 'buyer', null, 1000)).toMatchObject({
      total: 4167,
      returnFreight: null,
    })
  })
})

describe('the return address on approval', () => {
  it('is required when a reviewer approves goods coming back', () => {
    for (const type of ['return_refund', 'exchange', 'repair']) {
      expect(returnAddressRefusal(type, 'approve', 'merchant', null)).toMatchObject({
        code: 'RETURN_ADDRESS_REQUIRED',
        details: { field: 'returnAddress', type },
      })
      expect(returnAddressRefusal(type, 'approve', 'merchant', address)).toBeNull()
    }
  })

  it('is not asked of a refund only, of other actions, or of the review timer', () => {
    expect(returnAddressRefusal('refund_only', 'approve', 'merchant', null)).toBeNull()
    expect(returnAddressRefusal('return_refund', 'reject', 'merchant', null)).toBeNull()
    expect(returnAddressRefusal('return_refund', 'approve', 'system', null)).toBeNull()
  })

  it("is the store's on file when an approval of goods coming back names none", () => {
    const desk = { ...address, line1: '88 Dock Road, Gate 3' }
    expect(approvalAddress('return_refund', 'auto_approve', undefined, desk)).toEqual(desk)
    expect(approvalAddress('exchange', 'approve', undefined, desk)).toEqual(desk)
    expect(approvalAddress('repair', 'approve', address, desk)).toEqual(address)
    expect(approvalAddress('repair', 'approve', undefined, null)).toBeUndefined()
    expect(approvalAddress('refund_only', 'approve', undefined, desk)).toBeUndefined()
    expect(approvalAddress('return_refund', 'reject', undefined, desk)).toBeUndefined()
  })
})
