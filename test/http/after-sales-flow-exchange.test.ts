import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { childOrderId, orderIdKeyring } from '../../src/ids'
import {
  afterSalesOf,
  buyerToken,
  eventsOf,
  ledgerOf,
  merchantStep,
  type Order,
  openAfterSale,
  receive,
  ship,
  shipBack,
  shippedOrder,
} from '../support/after-sales'
import { defaultWarehouse, stockCounts, stockSku } from '../support/catalog'
import { api } from '../support/http'
import { readOrder, settle } from '../support/orders'

/** An exchange of one unit, approved, sent back and received: ready to send the replacement. */
async function receivedExchange(stock: number, extra: Record<string, unknown> = {}) {
  const order = await shippedOrder([4200], 2, stock, extra)
  const opened = await openAfterSale(order.id, order.buyer, 'exchange', [{ lineNo: 1, qty: 1 }])
  expect(opened.status).toBe(201)
  const asId = opened.body.id
  const approved = await merchantStep(order.id, order.storeId, asId, 'approve')
  expect(approved.body.status).toBe('pending_exchange_return')
  expect((await shipBack(order.id, order.buyer, asId)).body.status).toBe('pending_exchange_return')
  const received = await merchantStep(order.id, order.storeId, asId, 'receive')
  expect(received.body).toMatchObject({ status: 'exchange_outbound', refund: null })
  await settle(order.id)
  return { ...order, asId, sku: order.skus[0] ?? '' }
}

describe('exchange', () => {
  it('sends a zero-value replacement that reserves stock, ships and is received', async () => {
    const { buyer, id, storeId, asId, sku } = await receivedExchange(5)
    // The returned unit is back on sale before the replacement takes one.
    expect(await stockCounts(sku)).toEqual({ received: 6, available: 4, reserved: 0, sold: 2 })

    const sent = await merchantStep(id, storeId, asId, 'send-exchange')
    expect(sent.status).toBe(200)
    const replacementId = await childOrderId(orderIdKeyring(env), id, 1001)
    expect(sent.body).toMatchObject({ status: 'succeeded', replacementOrderId: replacementId })
    const replacement = await readOrder<Order>(replacementId)
    expect(replacement).toMatchObject({
      userId: buyer,
      parentId: null,
      status: 'pending_shipment',
      note: `exchange for order ${id} (after-sale ${asId})`,
    })
    expect(replacement.amounts.payable.amount).toBe(0)
    expect(replacement.amounts.paid.amount).toBe(0)
    expect(replacement.lines.map((l) => [l.lineNo, l.skuId, l.qty, l.finalAmount.amount])).toEqual([
      [1, sku, 1, 0],
    ])
    await settle(replacementId)
    expect(await stockCounts(sku)).toEqual({ received: 6, available: 3, reserved: 0, sold: 3 })

    await ship(replacementId, storeId)
    await receive(replacementId, buyer)
    expect((await readOrder(replacementId)).status).toBe('completed')
    // No money moved for the replacement, and the original's money is as it was.
    expect(await ledgerOf(replacementId)).toEqual([])
    expect(await ledgerOf(id)).toEqual([['payment', 8400]])
    expect((await readOrder(id)).status).toBe('pending_receipt')
    expect(await eventsOf(id)).toContain('after_sale.send_exchange')

    const again = await merchantStep(id, storeId, asId, 'send-exchange')
    expect(again.status).toBe(409)
    expect(again.body.error?.details).toMatchObject({ state: 'succeeded', action: 'send_exchange' })

    // Sending the replacement itself back refunds nothing (it cost nothing): no provider
    // refund to wait for, so it succeeds on receipt, restocks, and closes the replacement.
    const back = await openAfterSale(replacementId, buyer, 'return_refund', [{ lineNo: 1, qty: 1 }])
    await merchantStep(replacementId, storeId, back.body.id, 'approve')
    const done = await merchantStep(replacementId, storeId, back.body.id, 'receive')
    expect(done.body).toMatchObject({ status: 'succeeded', refund: { total: { amount: 0 } } })
    await settle(replacementId)
    expect((await readOrder(replacementId)).status).toBe('closed')
    expect(await stockCounts(sku)).toEqual({ received: 7, available: 4, reserved: 0, sold: 3 })
  })

  it("keeps the original's channel and delivery on the replacement, and invoices nothing", async () => {
    const invoice = {
      type: 'company',
      title: 'Acme Trading Co., Ltd.',
      taxId: '91310000MA1FL8XQ3C',
      email: 'ap@acme.example',
    }
    const attributes = { channel: 'mini_program', delivery: 'store_pickup', invoice }
    const { id, storeId, asId } = await receivedExchange(5, attributes)
    expect((await readOrder<Order>(id)).attributes).toEqual(attributes)
    const sent = await merchantStep(id, storeId, asId, 'send-exchange')
    expect(sent.status).toBe(200)
    const replacement = await readOrder<Order>(await childOrderId(orderIdKeyring(env), id, 1001))
    expect(replacement.attributes).toEqual({
      channel: 'mini_program',
      delivery: 'store_pickup',
      invoice: null,
    })
  })

  it('waits for stock: a send with none left is refused and can be tried again', async () => {
    const { id, storeId, asId, sku } = await receivedExchange(2)
    await stockSku(sku, await defaultWarehouse(), 0)
    const refused = await merchantStep(id, storeId, asId, 'send-exchange')
    expect(refused.status).toBe(409)
    expect(refused.body.error?.code).toBe('SOLD_OUT')
    expect((await afterSalesOf(id))[0]?.status).toBe('exchange_outbound')

    await stockSku(sku, await defaultWarehouse(), 1)
    const sent = await merchantStep(id, storeId, asId, 'send-exchange')
    expect(sent.status).toBe(200)
    const replacement = sent.body.replacementOrderId ?? ''
    await settle(replacement)
    expect((await stockCounts(sku)).available).toBe(0)
    const stranger = await api<{ status: string }>('GET', `/v1/orders/${replacement}`, {
      token: await buyerToken('someone-else'),
    })
    expect(stranger.status).toBe(404)
  })
})
