import { describe, expect, it } from 'vitest'
import type { ChildRef } from '../../src/domain/order'
import { siblingsToClose } from '../../src/domain/split-siblings'

const child = (id: string, status: string): ChildRef => ({
  id,
  index: Number(id.slice(1)),
  storeId: 's',
  warehouseId: 'w',
  payable: 100,
  points: 0,
  reasons: ['store'],
  status,
  paid: 0,
  pointsReturned: false,
})

const three = [
  child('c0', 'pending_payment'),
  child('c1', 'pending_payment'),
  child('c2', 'cancelled'),
]

describe('closing the unpaid siblings of a child paid alone', () => {
  it('closes every other unpaid child when one leaves pending_payment paid', () => {
    const news = { childId: 'c0', status: 'pending_shipment' }
    expect(siblingsToClose(three, news, true)).toEqual(['c1'])
  })

  it('closes nothing when the rule is off', () => {
    expect(siblingsToClose(three, { childId: 'c0', status: 'pending_shipment' }, false)).toEqual([])
  })

  it('closes nothing for a child that was cancelled, or for news heard before', () => {
    expect(siblingsToClose(three, { childId: 'c0', status: 'cancelled' }, true)).toEqual([])
    const heard = [child('c0', 'pending_shipment'), child('c1', 'pending_payment')]
    expect(siblingsToClose(heard, { childId: 'c0', status: 'pending_receipt' }, true)).toEqual([])
  })

  it('counts a presale deposit as a payment, and a sibling awaiting its deposit as unpaid', () => {
    const presale = [child('c0', 'pending_deposit'), child('c1', 'pending_deposit')]
    expect(siblingsToClose(presale, { childId: 'c1', status: 'pending_balance' }, true)).toEqual([
      'c0',
    ])
  })
})
