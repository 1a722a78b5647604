import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { admin, couponTemplate, designCart, issue, quote, spendSave } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, place, placeOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

type Line = {
  skuId: string
  finalAmount: { amount: number }
  discounts: Record<string, { amount: number }>
}

type Placed = OrderBody & { lines: Line[] }

async function couponStatus(buyer: string) {
  const res = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/coupons', {
    token: await token('buyer', buyer),
  })
  return res.body.items.map((c) => [c.id, c.status])
}

describe('placement prices like the quote', () => {
  it('places the worked discount example to the cent: pays 300.00, lines 45.45, 90.91, 163.64', async () => {
    const { storeA, storeB, a, b, c } = await designCart()
    await spendSave('store', 20000, 5000, { storeId: storeA, scope: { storeIds: [storeA] } })
    await spendSave('platform', 20000, 10000, { scope: { storeIds: [storeA, storeB] } })
    const tpl = await couponTemplate({ scope: { storeIds: [storeA, storeB] } })
    const buyer = uid('buyer')
    const coupon = await issue(tpl, buyer)
    const lines = [a, b, c].map((skuId) => ({ skuId, qty: 1 }))
    const quoted = await quote(buyer, { lines })
    expect(quoted.body.payable).toEqual(cny(30000))

    const placed = await place<Placed>(buyer, { lines, expectedPayable: cny(30000) })
    expect(placed.status).toBe(201)
    expect(placed.body.amounts.payable).toEqual(cny(30000))
    expect(placed.body.amounts.storeDiscount).toEqual(cny(5000))
    expect(placed.body.amounts.platformDiscount).toEqual(cny(10000))
    expect(placed.body.amounts.couponDiscount).toEqual(cny(15000))
    expect(placed.body.lines.map((l) => l.finalAmount.amount)).toEqual([4545, 9091, 16364])
    expect(await couponStatus(buyer)).toEqual([[coupon, 'locked']])

    await api('POST', `/v1/orders/${placed.body.id}/pay`, { token: await token('buyer', buyer) })
    await settle(placed.body.id)
    expect(await couponStatus(buyer)).toEqual([[coupon, 'used']])
    const { results } = await env.DB.prepare(
      'SELECT sku_id, final_amount, coupon_discount_amount FROM order_lines WHERE order_id = ? ORDER BY line_no',
    )
      .bind(placed.body.id)
      .all()
    expect(results).toEqual([
      { sku_id: a, final_amount: 4545, coupon_discount_amount: 2273 },
      { sku_id: b, final_amount: 9091, coupon_discount_amount: 4546 },
      { sku_id: c, final_amount: 16364, coupon_discount_amount: 8181 },
    ])
  })

  it('places the simple example: A 100 + B 200 with spend 100 save 50 pays 250.00, A is 83.33', async () => {
    const storeId = await createStore()
    const a = await createSku({ storeId, price: 10000 })
    const b = await createSku({ storeId, price: 20000 })
    await spendSave('store', 10000, 5000, { storeId, scope: { storeIds: [storeId] } })
    const placed = await place<Placed>(uid('buyer'), {
      lines: [a, b].map((skuId) => ({ skuId, qty: 1 })),
      couponIds: 'none',
      expectedPayable: cny(25000),
    })
    expect(placed.status).toBe(201)
    expect(placed.body.lines.map((l) => l.finalAmount.amount)).toEqual([8333, 16667])
  })

  it('refuses with 409 PRICE_CHANGED and the new quote when the price moved since the quote', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1000 })
    const buyer = uid('buyer')
    await admin('PATCH', `/v1/admin/skus/${sku}`, { price: cny(1200) })
    const res = await place<Placed>(buyer, {
      lines: [{ skuId: sku, qty: 2 }],
      expectedPayable: cny(2000),
    })
    expect(res.status).toBe(409)
    const error = (res.body as unknown as ErrorBody).error
    expect(error.code).toBe('PRICE_CHANGED')
    const newQuote = error.details?.quote as { payable: unknown } | undefined
    expect(newQuote?.payable).toEqual(cny(2400))
    expect((await stockCounts(sku)).reserved).toBe(0)
  })
})

describe('coupons and points at placement', () => {
  it('lets one of two simultaneous orders use a coupon, and returns its stock to the other', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 20000, stock: 10 })
    const tpl = await couponTemplate({ scope: { storeIds: [storeId] } })
    const buyer = uid('buyer')
    const coupon = await issue(tpl, buyer)
    const body = { lines: [{ skuId: sku, qty: 1 }], couponIds: [coupon] }
    const [one, two] = await Promise.all([place<Placed>(buyer, body), place<Placed>(buyer, body)])
    expect([one.status, two.status].sort()).toEqual([201, 422])
    const loser = one.status === 422 ? one : two
    expect((loser.body as unknown as ErrorBody).error).toMatchObject({
      code: 'COUPON_NOT_USABLE',
      details: { couponId: coupon },
    })
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 9, reserved: 1, sold: 0 })
  })

  it('gives coupons and points back when the order is cancelled before payment', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 20000 })
    await admin('PUT', '/v1/admin/points-policy', {
      rate: { points: 1, minorUnits: 1 },
      maxShareBps: 10000,
      maxPointsPerOrder: null,
    })
    const buyer = uid('buyer')
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1000, reason: 'welcome' })
    const tpl = await couponTemplate({
      scope: { storeIds: [storeId] },
      benefit: { kind: 'amount_off', amountOff: cny(3000) },
    })
    const coupon = await issue(tpl, buyer)
    const placed = await place<Placed>(buyer, { lines: [{ skuId: sku, qty: 1 }], points: 1000 })
    expect(placed.body.amounts.couponDiscount).toEqual(cny(3000))
    expect(placed.body.amounts.pointsDiscount).toEqual(cny(1000))
    expect(placed.body.amounts.payable.amount).toBe(16000 + placed.body.amounts.freight.amount)
    const member = await admin('GET', `/v1/admin/members/${buyer}`)
    expect(member.body.pointsBalance).toBe(0)

    await api('POST', `/v1/orders/${placed.body.id}/cancel`, { token: await token('buyer', buyer) })
    await settle(placed.body.id)
    expect(await couponStatus(buyer)).toEqual([[coupon, 'available']])
    expect((await admin('GET', `/v1/admin/members/${buyer}`)).body.pointsBalance).toBe(1000)
  })

  it('never overdraws points when two orders spend them at once', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 20000 })
    await admin('PUT', '/v1/admin/points-policy', {
      rate: { points: 1, minorUnits: 1 },
      maxShareBps: 10000,
      maxPointsPerOrder: null,
    })
    const buyer = uid('buyer')
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1000, reason: 'welcome' })
    const body = { lines: [{ skuId: sku, qty: 1 }], couponIds: 'none', points: 800 }
    const [one, two] = await Promise.all([place<Placed>(buyer, body), place<Placed>(buyer, body)])
    expect([one.status, two.status].sort()).toEqual([201, 422])
    const loser = one.status === 422 ? one : two
    expect((loser.body as unknown as ErrorBody).error.code).toBe('POINTS_INSUFFICIENT')
    expect((await admin('GET', `/v1/admin/members/${buyer}`)).body.pointsBalance).toBe(200)
  })
})

describe('placement checks', () => {
  it('refuses a blacklisted buyer with 403 before anything is reserved', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1000, stock: 5 })
    const buyer = uid('fraud')
    await admin('POST', '/v1/admin/blacklist', {
      kind: 'buyer',
      userId: buyer,
      reason: 'chargebacks',
    })
    const res = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    expect(res.status).toBe(403)
    expect((res.body as unknown as ErrorBody).error.code).toBe('BUYER_BLOCKED')
    expect((await stockCounts(sku)).reserved).toBe(0)
  })

  it('answers 429 RATE_LIMITED past the per-minute placement limit of one buyer', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const buyer = uid('bot')
    const statuses: number[] = []
    for (let i = 0; i < 21; i++)
      statuses.push((await placeOrder(buyer, [{ skuId: sku, qty: 1 }])).status)
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201))
    expect(statuses[20]).toBe(429)
  }, 60_000)
})
