import { describe, expect, it } from 'vitest'
import { buyerToken, ledgerOf, merchantToken, type Order, rows, ship } from '../support/after-sales'
import { address, createSku, createStore, stockCounts } from '../support/catalog'
import { admin, pointsAtPar, weightFreight } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { readOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

type Line = Order['lines'][number] & {
  cancelledQty: number
  cancelledAmount: { amount: number }
}
type Cancelled = Omit<Order, 'lines'> & {
  lines: Line[]
  cancelReason: string | null
  fulfilment: string
  partialCancels: {
    id: string
    lines: { lineNo: number; qty: number; amount: { amount: number } }[]
    refund: { items: { amount: number }; total: { amount: number }; points: number }
    reason: string
    by: { role: string; id: string }
  }[]
  error?: { code: string; message: string; details?: Record<string, unknown> }
}

/**
 * A paid order of one store: 3 of a 100.00 SKU and 1 of a 50.00 SKU, 1000 points spent and a
 * freight of the store's template. Points split 857 / 143 over the lines by largest remainder,
 * so line 1's final 291.43 refunds 97.15, 97.14, 97.14 unit by unit.
 */
async function paidOrder() {
  const storeId = await createStore()
  const a = await createSku({ storeId, price: 10000, stock: 10 })
  const b = await createSku({ storeId, price: 5000, stock: 10 })
  await weightFreight(storeId)
  await pointsAtPar()
  const buyer = uid('buyer')
  await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1000, reason: 'welcome' })
  const placed = await api<Order>('POST', '/v1/orders', {
    token: await buyerToken(buyer),
    headers: { 'Idempotency-Key': uid('key') },
    body: {
      lines: [
        { skuId: a, qty: 3 },
        { skuId: b, qty: 1 },
      ],
      address,
      points: 1000,
      couponIds: 'none',
    },
  })
  expect(placed.status).toBe(201)
  const id = placed.body.id
  const freight = placed.body.amounts.freight.amount
  expect(freight).toBeGreaterThan(0)
  expect(placed.body.lines.map((l) => l.finalAmount.amount)).toEqual([29143, 4857])
  const paid = await api('POST', `/v1/orders/${id}/pay`, { token: await buyerToken(buyer) })
  expect(paid.status).toBe(200)
  return { id, buyer, storeId, a, b, freight, paid: 34000 + freight }
}

async function cancelLines(
  id: string,
  caller: string,
  lines: { lineNo: number; qty: number }[],
  key: string = uid('cl-key'),
  reason = 'changed my mind',
) {
  const res = await api<Cancelled>('POST', `/v1/orders/${id}/cancel-lines`, {
    token: caller,
    headers: { 'Idempotency-Key': key },
    body: { lines, reason },
  })
  await settle(id)
  return res
}

/** Waits for the order-events queue to push the paid order to the sandbox WMS. */
async function pushedToWarehouse(id: string): Promise<void> {
  const service = await token('service', 'cs')
  let fulfilment = ''
  for (let i = 0; i < 100 && fulfilment !== 'pushed'; i++) {
    await settle(id)
    fulfilment = (await api<Cancelled>('GET', `/v1/orders/${id}`, { token: service })).body
      .fulfilment
    if (fulfilment !== 'pushed') await new Promise((r) => setTimeout(r, 50))
  }
  expect(fulfilment).toBe('pushed')
}

async function pointsOf(buyer: string): Promise<number> {
  return (await admin('GET', `/v1/admin/members/${buyer}`)).body.pointsBalance as number
}

describe('partial cancel before shipment', () => {
  it('refunds the cancelled units exactly, puts them back on sale, and ships the rest', async () => {
    const o = await paidOrder()
    const res = await cancelLines(o.id, await buyerToken(o.buyer), [{ lineNo: 1, qty: 1 }])
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('pending_shipment')
    expect(res.body.lines.map((l) => [l.qty, l.cancelledQty, l.cancelledAmount.amount])).toEqual([
      [3, 1, 9715],
      [1, 0, 0],
    ])
    // floor(1000 x 9715 / 34000) = 285 points back; the coupons (none here) would stay spent.
    expect(res.body.partialCancels).toMatchObject([
      {
        id: 'pc1',
        lines: [{ lineNo: 1, qty: 1, amount: cny(9715) }],
        refund: { items: cny(9715), total: cny(9715), points: 285 },
        reason: 'changed my mind',
        by: { role: 'buyer', id: o.buyer },
      },
    ])
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', o.paid],
      ['refund', 9715],
    ])
    expect(await stockCounts(o.a)).toEqual({ received: 11, available: 8, reserved: 0, sold: 3 })
    expect(await pointsOf(o.buyer)).toBe(285)
    const events = await rows(
      "SELECT actor_role, payload FROM order_events WHERE order_id = ? AND action = 'cancel_lines'",
      o.id,
    )
    expect(events.map((e) => [e.actor_role, JSON.parse(String(e.payload)).refund])).toEqual([
      ['buyer', 9715],
    ])
    // The rest ships: the warehouse is pushed the 2 + 1 units left.
    await ship(o.id, o.storeId)
    expect((await readOrder<Order>(o.id)).status).toBe('pending_receipt')
  })

  it('lets the store’s merchant and customer service cancel units, and answers 404 to another store', async () => {
    const o = await paidOrder()
    const merchant = await cancelLines(o.id, await merchantToken(o.storeId), [
      { lineNo: 2, qty: 1 },
    ])
    expect(merchant.status).toBe(200)
    expect(merchant.body.partialCancels.map((p) => [p.by.role, p.refund.total.amount])).toEqual([
      ['merchant', 4857],
    ])
    const service = await cancelLines(o.id, await token('service', 'cs-1'), [{ lineNo: 1, qty: 2 }])
    expect(service.body.partialCancels.map((p) => p.refund.total.amount)).toEqual([4857, 19429])
    const other = await cancelLines(o.id, await merchantToken(await createStore()), [
      { lineNo: 1, qty: 1 },
    ])
    expect(other.status).toBe(404)
    const warehouse = await cancelLines(o.id, await token('warehouse', 'wh-1'), [
      { lineNo: 1, qty: 1 },
    ])
    expect(warehouse.status).toBe(403)
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', o.paid],
      ['refund', 4857],
      ['refund', 19429],
    ])
  })

  it('cancels the whole order, freight and all points included, when nothing is left to ship', async () => {
    const o = await paidOrder()
    const buyer = await buyerToken(o.buyer)
    await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 2 }])
    const last = await cancelLines(o.id, buyer, [
      { lineNo: 1, qty: 1 },
      { lineNo: 2, qty: 1 },
    ])
    expect(last.status).toBe(200)
    expect(last.body.status).toBe('cancelled')
    const ledger = await ledgerOf(o.id)
    expect(ledger).toEqual([
      ['payment', o.paid],
      ['refund', 19429],
      ['refund', o.paid - 19429],
    ])
    expect(await pointsOf(o.buyer)).toBe(1000)
    expect(await stockCounts(o.a)).toEqual({ received: 13, available: 10, reserved: 0, sold: 3 })
    expect(await stockCounts(o.b)).toEqual({ received: 11, available: 10, reserved: 0, sold: 1 })
  })

  it('replays a retry with the same Idempotency-Key and refuses the key with another body', async () => {
    const o = await paidOrder()
    const buyer = await buyerToken(o.buyer)
    const key = uid('cl-key')
    const first = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 1 }], key)
    const again = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 1 }], key)
    expect(again.status).toBe(200)
    expect(again.body.partialCancels).toEqual(first.body.partialCancels)
    const other = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 2 }], key)
    expect(other.status).toBe(409)
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED')
    const missing = await api<Cancelled>('POST', `/v1/orders/${o.id}/cancel-lines`, {
      token: buyer,
      body: { lines: [{ lineNo: 1, qty: 1 }], reason: 'x' },
    })
    expect(missing.status).toBe(400)
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', o.paid],
      ['refund', 9715],
    ])
  })

  it('refuses bad lines with 400 naming the field, too many units with 409, and writes nothing', async () => {
    const o = await paidOrder()
    const buyer = await buyerToken(o.buyer)
    const unknown = await cancelLines(o.id, buyer, [{ lineNo: 7, qty: 1 }])
    expect(unknown.status).toBe(400)
    expect(unknown.body.error?.details).toMatchObject({
      issues: [{ field: 'lines.0.lineNo', code: 'UNKNOWN_LINE' }],
    })
    const zero = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 0 }])
    expect(zero.status).toBe(400)
    const tooMany = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 4 }])
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error?.details).toMatchObject({ lineNo: 1, qty: 4, remaining: 3 })
    const order = await api<Cancelled>('GET', `/v1/orders/${o.id}`, { token: buyer })
    expect(order.body.partialCancels).toEqual([])
    expect(await ledgerOf(o.id)).toEqual([['payment', o.paid]])
    await ship(o.id, o.storeId)
    const shipped = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 1 }])
    expect(shipped.status).toBe(409)
    expect(shipped.body.error?.code).toBe('ILLEGAL_TRANSITION')
  })

  it('tells the warehouse first once it holds the order, and ships only the units left', async () => {
    const o = await paidOrder()
    await pushedToWarehouse(o.id)
    const res = await cancelLines(o.id, await buyerToken(o.buyer), [{ lineNo: 1, qty: 2 }])
    expect(res.status).toBe(200)
    const [wms] = await rows('SELECT lines FROM sandbox_wms_orders WHERE order_id = ?', o.id)
    const lines = JSON.parse(String(wms?.lines)) as { lineNo: number; qty: number }[]
    expect(lines.map((l) => [l.lineNo, l.qty])).toEqual([
      [1, 1],
      [2, 1],
    ])
    await ship(o.id, o.storeId)
    const late = await cancelLines(o.id, await buyerToken(o.buyer), [{ lineNo: 1, qty: 1 }])
    expect(late.status).toBe(409)
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', o.paid],
      ['refund', 19429],
    ])
  })

  it('intercepts at the warehouse when cancelling every unit left of an order it holds', async () => {
    const o = await paidOrder()
    await pushedToWarehouse(o.id)
    const buyer = await buyerToken(o.buyer)
    await cancelLines(o.id, buyer, [{ lineNo: 2, qty: 1 }])
    const all = await cancelLines(o.id, buyer, [{ lineNo: 1, qty: 3 }])
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ status: 'cancelled', fulfilment: 'intercepted' })
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', o.paid],
      ['refund', 4857],
      ['refund', o.paid - 4857],
    ])
    const [wms] = await rows('SELECT state FROM sandbox_wms_orders WHERE order_id = ?', o.id)
    expect(wms?.state).toBe('intercepted')
  })
})
