import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { STOCK_HOLD_AFTER_MS } from '../../durable-objects/order/stock-hold'
import { bucketStub } from '../../durable-objects/stock/names'
import { durationsFrom } from '../../src/config'
import { giftHolderId } from '../../src/domain/order-gifts'
import { ledgerOf, merchantStep, openAfterSale, ship, shipBack } from '../support/after-sales'
import { address, createSku, createStore, defaultWarehouse, stockCounts } from '../support/catalog'
import { admin, window } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, type OrderBody, placeOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'
import { clearStockAlarms, inStockActor } from '../support/stock'

afterEach(clearStockAlarms)

interface Line {
  lineNo: number
  skuId: string
  qty: number
  unitPrice: { amount: number }
  amount: { amount: number }
  discounts: Record<string, { amount: number }>
  finalAmount: { amount: number }
  gift: boolean
}

type Placed = OrderBody & { lines: Line[]; gifts: unknown[] }

async function buyXGetY(storeId: string, buySkuId: string, giftSkuId: string, buyQty = 2) {
  const id = uid('gift')
  const rule = { kind: 'buy_x_get_y', buySkuId, buyQty, giftSkuId, giftQty: 1 }
  await admin('POST', '/v1/admin/promotions', {
    id,
    title: `Buy ${buyQty} get 1`,
    level: 'store',
    storeId,
    rule,
    ...window(),
  })
  return id
}

/** A store selling X at 12.50 with a buy-2-get-1 promotion giving Y (list price 30.00). */
async function giftShop(giftStock = 5) {
  const storeId = await createStore()
  const x = await createSku({ storeId, price: 1250, stock: 10 })
  const y = await createSku({ storeId, price: 3000, stock: giftStock })
  const promotionId = await buyXGetY(storeId, x, y)
  return { storeId, x, y, promotionId }
}

async function place(buyer: string, lines: { skuId: string; qty: number }[]) {
  const res = await placeOrder(buyer, lines)
  expect(res.status).toBe(201)
  return res.body as Placed
}

/** The buyer pays the order (sandbox shortcut) and its effects settle. */
async function pay(buyer: string, orderId: string) {
  const paid = await api('POST', `/v1/orders/${orderId}/pay`, {
    token: await token('buyer', buyer),
  })
  expect(paid.status).toBe(200)
  await settle(orderId)
}

const none = { received: 0, available: 0, reserved: 0, sold: 0 }

describe('gift lines (buy X get Y free)', () => {
  it('adds the gift at price 0 and reserves its stock with the order', async () => {
    const { x, y, promotionId } = await giftShop()
    const quote = await api('POST', '/v1/checkout/quote', {
      token: await token('buyer', uid('buyer')),
      body: { lines: [{ skuId: x, qty: 2 }], address },
    })
    expect(quote.body.gifts).toEqual([{ skuId: y, qty: 1, promotionIds: [promotionId] }])
    expect(quote.body.payable).toEqual(cny(2500))
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    expect(
      order.lines.map((l) => [l.lineNo, l.skuId, l.qty, l.finalAmount.amount, l.gift]),
    ).toEqual([
      [1, x, 2, 2500, false],
      [2, y, 1, 0, true],
    ])
    const gift = order.lines[1] as Line
    expect([gift.unitPrice.amount, gift.amount.amount]).toEqual([0, 0])
    expect(Object.values(gift.discounts).map((d) => d.amount)).toEqual([0, 0, 0, 0, 0])
    expect(order.gifts).toEqual([
      { skuId: y, qty: 1, promotionIds: [promotionId], status: 'added', lineNo: 2 },
    ])
    expect(order.amounts.items).toEqual(cny(2500))
    expect(order.amounts.payable).toEqual(cny(2500))
    expect(await stockCounts(y)).toEqual({ received: 5, available: 4, reserved: 1, sold: 0 })
    expect(await stockCounts(x)).toEqual({ received: 10, available: 8, reserved: 2, sold: 0 })
  })

  it('gives nothing below the quantity, and one gift per full quantity', async () => {
    const { x, y } = await giftShop()
    const one = await place(uid('buyer'), [{ skuId: x, qty: 1 }])
    expect(one.lines).toHaveLength(1)
    expect(one.gifts).toEqual([])
    const five = await place(uid('buyer'), [{ skuId: x, qty: 5 }])
    expect(five.lines.map((l) => [l.skuId, l.qty, l.finalAmount.amount])).toEqual([
      [x, 5, 6250],
      [y, 2, 0],
    ])
  })

  it("releases the gift's stock when the unpaid order times out", async () => {
    const { x, y } = await giftShop()
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    expect((await stockCounts(y)).reserved).toBe(1)
    await elapse(order.id)
    await settle(order.id)
    expect(await stockCounts(y)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
    expect(await stockCounts(x)).toEqual({ received: 10, available: 10, reserved: 0, sold: 0 })
  })

  it("holds the gift's reservation past the payment deadline with the order's own", async () => {
    const { x, y } = await giftShop()
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    const createdAt = Date.parse(String(order.createdAt))
    const giftReservation = async () => {
      const line = { skuId: y, warehouseId: await defaultWarehouse(), buckets: 1 }
      const home = bucketStub(env.STOCK_ACTOR, line, 0)
      return inStockActor(home, (actor) => actor.ledger.row('reservations', giftHolderId(order.id)))
    }
    expect((await giftReservation())?.leaseUntil).toBeLessThan(createdAt + 2 * STOCK_HOLD_AFTER_MS)
    expect(await elapse(order.id, ['stock_hold'])).toBe(true)
    const timeout = durationsFrom(env).PAYMENT_TIMEOUT_SECONDS
    expect(await giftReservation()).toMatchObject({
      state: 'reserved',
      leaseUntil: createdAt + (timeout + 600) * 1000,
    })
  })

  it("releases the gift's stock when the buyer cancels, and sells it when the order is paid", async () => {
    const { x, y } = await giftShop()
    const [alice, bob] = [uid('alice'), uid('bob')]
    const cancelled = await place(alice, [{ skuId: x, qty: 2 }])
    const paid = await place(bob, [{ skuId: x, qty: 2 }])
    expect(await stockCounts(y)).toEqual({ received: 5, available: 3, reserved: 2, sold: 0 })
    const cancel = await api('POST', `/v1/orders/${cancelled.id}/cancel`, {
      token: await token('buyer', alice),
    })
    expect(cancel.status).toBe(200)
    await settle(cancelled.id)
    expect(await stockCounts(y)).toEqual({ received: 5, available: 4, reserved: 1, sold: 0 })
    const pay = await api<OrderBody>('POST', `/v1/orders/${paid.id}/pay`, {
      token: await token('buyer', bob),
    })
    expect(pay.body.amounts.paid).toEqual(cny(2500))
    await settle(paid.id)
    expect(await stockCounts(y)).toEqual({ received: 5, available: 4, reserved: 0, sold: 1 })
  })

  it('takes the gift back with the units that earned it when they are cancelled', async () => {
    const { x, y } = await giftShop()
    const buyer = uid('buyer')
    const order = await place(buyer, [{ skuId: x, qty: 4 }])
    expect(order.lines.map((l) => [l.lineNo, l.skuId, l.qty, l.gift])).toEqual([
      [1, x, 4, false],
      [2, y, 2, true],
    ])
    await pay(buyer, order.id)
    expect(await stockCounts(y)).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 })
    type Cancelled = OrderBody & { lines: { lineNo: number; cancelledQty: number }[] }
    const cancelLines = async (qty: number) =>
      api<Cancelled>('POST', `/v1/orders/${order.id}/cancel-lines`, {
        token: await token('buyer', buyer),
        headers: { 'Idempotency-Key': uid('cl') },
        body: { lines: [{ lineNo: 1, qty }], reason: 'too many' },
      })
    const one = await cancelLines(1)
    expect(one.status).toBe(200)
    expect(one.body.lines.map((l) => [l.lineNo, l.cancelledQty])).toEqual([
      [1, 1],
      [2, 1],
    ])
    await settle(order.id)
    expect(await stockCounts(y)).toEqual({ received: 6, available: 4, reserved: 0, sold: 2 })
    const rest = await cancelLines(3)
    expect(rest.body.status).toBe('cancelled')
    await settle(order.id)
    expect(await ledgerOf(order.id)).toEqual([
      ['payment', 5000],
      ['refund', 1250],
      ['refund', 3750],
    ])
  })

  it('takes the gift back with the units returned after shipment, and restocks it', async () => {
    const { storeId, x, y } = await giftShop()
    const buyer = uid('buyer')
    const order = await place(buyer, [{ skuId: x, qty: 4 }])
    await pay(buyer, order.id)
    await ship(order.id, storeId)
    const opened = await openAfterSale(order.id, buyer, 'return_refund', [{ lineNo: 1, qty: 3 }])
    expect(opened.status).toBe(201)
    // The one unit kept earns no gift under "buy 2 get 1": both gift units go back.
    expect(opened.body.lines.map((l) => [l.lineNo, l.qty])).toEqual([
      [1, 3],
      [2, 2],
    ])
    const asId = opened.body.id
    expect((await merchantStep(order.id, storeId, asId, 'approve')).status).toBe(200)
    expect((await shipBack(order.id, buyer, asId)).status).toBe(200)
    const received = await merchantStep(order.id, storeId, asId, 'receive')
    expect(received.body.refund?.lines.map((l) => [l.lineNo, l.amount.amount])).toEqual([
      [1, 3750],
      [2, 0],
    ])
    await settle(order.id)
    expect(await stockCounts(y)).toEqual({ received: 7, available: 5, reserved: 0, sold: 2 })
    expect(await ledgerOf(order.id)).toEqual([
      ['payment', 5000],
      ['refund', 3750],
    ])
  })

  it('places the order without an out-of-stock gift, and says so', async () => {
    const { x, y, promotionId } = await giftShop(0)
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    expect(order.lines.map((l) => l.skuId)).toEqual([x])
    expect(order.gifts).toEqual([
      { skuId: y, qty: 1, promotionIds: [promotionId], status: 'out_of_stock', lineNo: null },
    ])
    expect(order.amounts.payable).toEqual(cny(2500))
    expect(await stockCounts(y)).toEqual(none)
  })

  it('adds no gift to a cart that ships as several packages, and takes none of its stock', async () => {
    const { x, y, promotionId } = await giftShop()
    const elsewhere = await createSku({ storeId: await createStore(), price: 500 })
    const order = await place(uid('buyer'), [
      { skuId: x, qty: 2 },
      { skuId: elsewhere, qty: 1 },
    ])
    expect(order.status).toBe('split')
    expect(order.gifts).toEqual([
      { skuId: y, qty: 1, promotionIds: [promotionId], status: 'not_with_split', lineNo: null },
    ])
    expect(await stockCounts(y)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
  })

  it('takes no share of a discount: the payable and the bought lines are as without the gift', async () => {
    const { storeId, x } = await giftShop()
    const spend = uid('promo')
    await admin('POST', '/v1/admin/promotions', {
      id: spend,
      title: 'Spend 20 save 5',
      level: 'store',
      storeId,
      rule: { kind: 'spend_save', threshold: cny(2000), amountOff: cny(500) },
      ...window(),
    })
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    expect(order.amounts.storeDiscount).toEqual(cny(500))
    expect(order.amounts.payable).toEqual(cny(2000))
    expect(order.lines.map((l) => [l.discounts.store?.amount, l.finalAmount.amount])).toEqual([
      [500, 2000],
      [0, 0],
    ])
  })

  it('refunds the gift line 0: refunding the whole order pays back exactly what was paid', async () => {
    const { storeId, x } = await giftShop()
    const buyer = uid('buyer')
    const order = await place(buyer, [{ skuId: x, qty: 2 }])
    await pay(buyer, order.id)
    await ship(order.id, storeId)
    const lines = [
      { lineNo: 1, qty: 2 },
      { lineNo: 2, qty: 1 },
    ]
    const opened = await openAfterSale(order.id, buyer, 'refund_only', lines)
    expect(opened.status).toBe(201)
    const approved = await merchantStep(order.id, storeId, opened.body.id, 'approve')
    expect(approved.body.refund?.lines.map((l) => [l.lineNo, l.amount.amount])).toEqual([
      [1, 2500],
      [2, 0],
    ])
    expect(approved.body.refund?.total.amount).toBe(2500)
    expect(approved.body.refund?.closesOrder).toBe(true)
    expect(await ledgerOf(order.id)).toEqual([
      ['payment', 2500],
      ['refund', 2500],
    ])
  })

  it('ships free: freight is priced on the bought lines, also when the address changes', async () => {
    const storeId = await createStore()
    const x = await createSku({ storeId, price: 1000, weightGrams: 500 })
    const y = await createSku({ storeId, price: 1000, weightGrams: 800 })
    await buyXGetY(storeId, x, y)
    const rule = {
      regions: '*',
      firstWeightGrams: 1000,
      firstWeightPrice: cny(800),
      stepGrams: 500,
      stepPrice: cny(200),
    }
    await admin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, { storeId, rules: [rule] })
    const buyer = uid('buyer')
    const order = await place(buyer, [{ skuId: x, qty: 2 }])
    expect(order.lines.map((l) => l.skuId)).toEqual([x, y])
    expect(order.amounts.freight).toEqual(cny(800))
    expect(order.amounts.payable).toEqual(cny(2800))
    const moved = await api<OrderBody>('PATCH', `/v1/orders/${order.id}/address`, {
      token: await token('buyer', buyer),
      body: { ...address, city: 'Hangzhou' },
    })
    expect(moved.status).toBe(200)
    expect(moved.body.amounts.freight).toEqual(cny(800))
  })

  it('gives the bought SKU itself, held apart from the bought units', async () => {
    const storeId = await createStore()
    const x = await createSku({ storeId, price: 1000, stock: 10 })
    await buyXGetY(storeId, x, x)
    const order = await place(uid('buyer'), [{ skuId: x, qty: 2 }])
    expect(order.lines.map((l) => [l.skuId, l.qty, l.finalAmount.amount])).toEqual([
      [x, 2, 2000],
      [x, 1, 0],
    ])
    expect(await stockCounts(x)).toEqual({ received: 10, available: 7, reserved: 3, sold: 0 })
    await elapse(order.id)
    await settle(order.id)
    expect(await stockCounts(x)).toEqual({ received: 10, available: 10, reserved: 0, sold: 0 })
  })

  it('refuses a gift rule whose SKUs are unknown or of two stores, naming the field', async () => {
    const [a, b] = [await createStore(), await createStore()]
    const x = await createSku({ storeId: a, price: 100 })
    const other = await createSku({ storeId: b, price: 100 })
    const attempt = async (rule: Record<string, unknown>) =>
      api<{ error: { message: string } }>('POST', '/v1/admin/promotions', {
        token: await token('admin', 'admin-1'),
        body: { id: uid('gift'), title: 'Gift', level: 'store', storeId: a, rule, ...window() },
      })
    const rule = { kind: 'buy_x_get_y', buySkuId: x, buyQty: 2, giftSkuId: other, giftQty: 1 }
    const twoStores = await attempt(rule)
    expect(twoStores.status).toBe(400)
    expect(twoStores.body.error.message).toContain('body rule.giftSkuId: must be sold by')
    const unknown = await attempt({ ...rule, buySkuId: 'sku-nowhere' })
    expect(unknown.body.error.message).toBe('body rule.buySkuId: no SKU sku-nowhere')
    const zero = await attempt({ ...rule, giftSkuId: x, giftQty: 0 })
    expect(zero.status).toBe(400)
    expect(zero.body.error.message).toContain('rule.giftQty')
  })
})
