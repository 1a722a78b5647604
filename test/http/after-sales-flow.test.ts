import { describe, expect, it } from 'vitest'
import {
  afterSalesOf,
  eventsOf,
  ledgerOf,
  merchantStep,
  openAfterSale,
  receive,
  rows,
  shipBack,
  shippedOrder,
} from '../support/after-sales'
import { stockCounts } from '../support/catalog'
import { readOrder, settle } from '../support/orders'

describe('refund only', () => {
  it('pays back one unit of a shipped order through the provider, and books it', async () => {
    const { buyer, id, storeId } = await shippedOrder([2500], 2)
    const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(opened.status).toBe(201)
    expect(opened.body).toMatchObject({
      type: 'refund_only',
      status: 'pending_review',
      refund: null,
    })
    expect(opened.body.labels.buyer.en).toBe('Awaiting merchant review')

    const approved = await merchantStep(id, storeId, opened.body.id, 'approve')
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('pending_refund')
    expect(approved.body.refund).toMatchObject({
      total: { amount: 2500 },
      freight: { amount: 0 },
      closesOrder: false,
      lines: [{ lineNo: 1, qty: 1, amount: { amount: 2500 } }],
    })

    expect(await ledgerOf(id)).toEqual([
      ['payment', 5000],
      ['refund', 2500],
    ])
    const statement = await rows(
      'SELECT kind, amount FROM sandbox_statement WHERE order_id = ? ORDER BY kind',
      id,
    )
    expect(statement).toEqual([
      { kind: 'payment', amount: 5000 },
      { kind: 'refund', amount: 2500 },
    ])
    const [done] = await afterSalesOf(id)
    expect(done?.status).toBe('succeeded')
    const order = await readOrder(id)
    expect(order.status).toBe('pending_receipt')
    expect(order.amounts.paid.amount).toBe(5000)
    expect((await eventsOf(id)).slice(-4)).toEqual([
      'after_sale.open',
      'after_sale.approve',
      'refund_succeeded',
      'after_sale.refund',
    ])
    const projected = await rows(
      'SELECT type, status, refund_amount, resolved_at IS NOT NULL AS resolved FROM after_sales WHERE order_id = ?',
      id,
    )
    expect(projected).toEqual([
      { type: 'refund_only', status: 'succeeded', refund_amount: 2500, resolved: 1 },
    ])
  })
})

describe('return and refund', () => {
  it('waits for the goods: ship back, receive, refund, restock at the warehouse', async () => {
    const { buyer, id, storeId, skus } = await shippedOrder([3000], 3)
    const sku = skus[0] ?? ''
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 7, reserved: 0, sold: 3 })
    const opened = await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 1, qty: 2 }])
    const asId = opened.body.id
    const approved = await merchantStep(id, storeId, asId, 'approve')
    expect(approved.body.status).toBe('pending_return')
    expect(approved.body.labels.buyer.en).toBe('Send the goods back')

    const sent = await shipBack(id, buyer, asId)
    expect(sent.status).toBe(200)
    expect(sent.body.status).toBe('pending_return')
    expect(sent.body.returnShipment).toEqual({ carrier: 'YTO', trackingNumber: 'YT123456' })
    await settle(id)
    expect(await ledgerOf(id)).toEqual([['payment', 9000]])

    const received = await merchantStep(id, storeId, asId, 'receive')
    expect(received.status).toBe(200)
    expect(received.body.status).toBe('pending_refund')
    expect(received.body.refund?.total.amount).toBe(6000)
    expect(await ledgerOf(id)).toEqual([
      ['payment', 9000],
      ['refund', 6000],
    ])
    // The two units came back into the warehouse they left, once, however often effects re-run.
    expect(await stockCounts(sku)).toEqual({ received: 12, available: 9, reserved: 0, sold: 3 })
    await settle(id)
    expect(await stockCounts(sku)).toEqual({ received: 12, available: 9, reserved: 0, sold: 3 })
    expect((await afterSalesOf(id))[0]?.status).toBe('succeeded')
  })

  it('leaves the original order as it was when only part of it comes back', async () => {
    const { buyer, id, storeId } = await shippedOrder([1999, 4999], 2)
    await receive(id, buyer)
    const before = await readOrder(id)
    const opened = await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 2, qty: 1 }])
    await merchantStep(id, storeId, opened.body.id, 'approve')
    await shipBack(id, buyer, opened.body.id)
    await merchantStep(id, storeId, opened.body.id, 'receive')
    expect(await ledgerOf(id)).toEqual([
      ['payment', 13996],
      ['refund', 4999],
    ])
    const after = await readOrder(id)
    expect(after.status).toBe('completed')
    expect(after.amounts).toEqual(before.amounts)
    expect(after.lines).toEqual(before.lines)
    expect((await afterSalesOf(id))[0]?.status).toBe('succeeded')
  })

  it('closes the original once every unit came back, over two after-sales', async () => {
    const { buyer, id, storeId } = await shippedOrder([1000, 2001], 3)
    const refunds: number[] = []
    for (const lines of [
      [{ lineNo: 1, qty: 2 }],
      [
        { lineNo: 1, qty: 1 },
        { lineNo: 2, qty: 3 },
      ],
    ]) {
      const opened = await openAfterSale(id, buyer, 'return_refund', lines)
      expect(opened.status).toBe(201)
      await merchantStep(id, storeId, opened.body.id, 'approve')
      await shipBack(id, buyer, opened.body.id)
      const received = await merchantStep(id, storeId, opened.body.id, 'receive')
      refunds.push(received.body.refund?.total.amount ?? -1)
      await settle(id)
    }
    expect(refunds).toEqual([2000, 7003])
    const order = await readOrder(id)
    expect(order.status).toBe('closed')
    expect(order.amounts.paid.amount).toBe(9003)
    expect((await eventsOf(id)).slice(-2)).toEqual(['after_sale.refund', 'close'])
    expect(await ledgerOf(id)).toEqual([
      ['payment', 9003],
      ['refund', 2000],
      ['refund', 7003],
    ])
    const late = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(late.status).toBe(422)
    expect(late.body.error?.code).toBe('BUSINESS_RULE')
  })
})

describe('one unit, two requests', () => {
  it('opens one of two simultaneous requests for the last unit and refuses the other with 409', async () => {
    const { buyer, id, storeId } = await shippedOrder([5000], 1)
    const [one, two] = await Promise.all([
      openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }]),
      openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }]),
    ])
    expect([one.status, two.status].sort()).toEqual([201, 409])
    const loser = one.status === 409 ? one : two
    expect(loser.body.error).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'QUANTITY_EXCEEDS_REMAINING', lineNo: 1, remaining: 0 },
    })
    const winner = one.status === 201 ? one : two
    await merchantStep(id, storeId, winner.body.id, 'approve')
    expect(await ledgerOf(id)).toEqual([
      ['payment', 5000],
      ['refund', 5000],
    ])
    expect((await readOrder(id)).status).toBe('closed')
  })
})
