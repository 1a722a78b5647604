import { describe, expect, it } from 'vitest'
import type { ChildRef } from '../../src/domain/order'
import { splitWalletActions } from '../../src/domain/split-wallet'

function child(id: string, status: string, paid: number, points = 100): ChildRef {
  return {
    id,
    index: 1,
    storeId: 's',
    warehouseId: 'w',
    payable: 1000,
    points,
    reasons: [],
    status,
    paid,
    pointsReturned: false,
  }
}

const fresh = { consumed: false, released: false }

describe('coupons and points of a split submission', () => {
  it('waits while children are still open and none is paid', () => {
    const actions = splitWalletActions(
      [child('a', 'cancelled', 0), child('b', 'pending_payment', 0)],
      fresh,
      true,
    )
    expect(actions).toEqual({ consume: false, release: false, restore: [] })
  })

  it('gives everything back when every child closes unpaid', () => {
    const actions = splitWalletActions(
      [child('a', 'cancelled', 0), child('b', 'cancelled', 0)],
      fresh,
      true,
    )
    expect(actions).toEqual({ consume: false, release: true, restore: [] })
  })

  it("spends the coupons once one child is paid and returns the closed children's points", () => {
    const actions = splitWalletActions(
      [
        child('a', 'pending_shipment', 1000),
        child('b', 'cancelled', 0, 150),
        child('c', 'pending_payment', 0),
      ],
      fresh,
      true,
    )
    expect(actions).toEqual({
      consume: true,
      release: false,
      restore: [{ childId: 'b', points: 150 }],
    })
  })

  it('keeps the points of closed children when the policy says so, and consumes only once', () => {
    const actions = splitWalletActions(
      [child('a', 'pending_shipment', 1000), child('b', 'cancelled', 0)],
      { consumed: true, released: false },
      false,
    )
    expect(actions).toEqual({ consume: false, release: false, restore: [] })
  })
})
