import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { address, createSku, createStore, stockCounts } from '../support/catalog'
import { admin, couponTemplate, issue, spendSave } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, place, settle, timersOf } from '../support/orders'
import { cny } from '../support/pricing'

type Child = {
  id: string
  index: number
  storeId: string
  status: string
  payable: { amount: number }
  paid: { amount: number }
  reasons: string[]
}
type Parent = OrderBody & { children: Child[] | null; lines: { finalAmount: { amount: number } }[] }

/** Places these lines, with anything else the body should carry (coupons, points). */
function placeCart(
  buyer: string,
  lines: { skuId: string; qty: number }[],
  extra: Record<string, unknown> = {},
) {
  return place<Parent>(buyer, { lines, ...extra })
}

async function read(id: string, buyer: string) {
  return (await api<Parent>('GET', `/v1/orders/${id}`, { token: await token('buyer', buyer) })).body
}

async function payWhole(id: string, buyer: string) {
  const res = await api<Parent>('POST', `/v1/orders/${id}/pay`, {
    token: await token('buyer', buyer),
  })
  return res
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('a submission over two stores', () => {
  it('becomes a split parent with one child per store whose amounts add up exactly', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 10000 })
    const b = await createSku({ storeId: storeA, price: 20000 })
    const c = await createSku({ storeId: storeB, price: 30000 })
    await spendSave('store', 20000, 5000, { storeId: storeA, scope: { storeIds: [storeA] } })
    await spendSave('platform', 20000, 10000, { scope: { storeIds: [storeA, storeB] } })
    const buyer = uid('buyer')
    const placed = await placeCart(
      buyer,
      [a, b, c].map((skuId) => ({ skuId, qty: 1 })),
    )
    expect(placed.status).toBe(201)
    expect(placed.body.status).toBe('split')
    expect(placed.body.labels.buyer.en).toBe('Split into packages')
    const children = placed.body.children ?? []
    expect(children.map((ch) => [ch.index, ch.storeId, ch.status])).toEqual([
      [1, storeA, 'pending_payment'],
      [2, storeB, 'pending_payment'],
    ])
    expect(sum(children.map((ch) => ch.payable.amount))).toBe(placed.body.amounts.payable.amount)
    const kids = await Promise.all(children.map((ch) => read(ch.id, buyer)))
    expect(kids.map((k) => k.parentId)).toEqual([placed.body.id, placed.body.id])
    for (const field of [
      'items',
      'storeDiscount',
      'platformDiscount',
      'couponDiscount',
      'payable',
    ] as const) {
      expect(sum(kids.map((k) => k.amounts[field].amount))).toBe(placed.body.amounts[field].amount)
    }
    const finals = kids.flatMap((k) => k.lines.map((l) => l.finalAmount.amount))
    expect(finals).toEqual(placed.body.lines.map((l) => l.finalAmount.amount))

    const merchantB = await token('merchant', 'm', storeB)
    const seenByB = await api<Parent>('GET', `/v1/orders/${placed.body.id}`, { token: merchantB })
    expect(seenByB.body.children?.map((ch) => ch.storeId)).toEqual([storeB])
    expect((await api('GET', `/v1/orders/${children[0]?.id}`, { token: merchantB })).status).toBe(
      404,
    )
  })

  it('pays every child with one merged payment', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 1000, stock: 10 })
    const c = await createSku({ storeId: storeB, price: 3000, stock: 10 })
    const buyer = uid('buyer')
    const placed = await placeCart(buyer, [
      { skuId: a, qty: 2 },
      { skuId: c, qty: 1 },
    ])
    const session = await api<{ amount: { amount: number } }>(
      'POST',
      `/v1/orders/${placed.body.id}/payments`,
      {
        token: await token('buyer', buyer),
      },
    )
    expect(session.body.amount.amount).toBe(5000)
    const paid = await payWhole(placed.body.id, buyer)
    expect(paid.status).toBe(200)
    expect(paid.body.children?.map((ch) => [ch.status, ch.paid.amount])).toEqual([
      ['pending_shipment', 2000],
      ['pending_shipment', 3000],
    ])
    for (const ch of paid.body.children ?? []) await settle(ch.id)
    // Paid together, no child was paid alone: the parent closes none of them.
    await settle(placed.body.id)
    for (const ch of paid.body.children ?? []) await settle(ch.id)
    const after = await read(placed.body.id, buyer)
    expect(after.children?.map((ch) => ch.status)).toEqual(['pending_shipment', 'pending_shipment'])
    expect(await stockCounts(a)).toEqual({ received: 10, available: 8, reserved: 0, sold: 2 })
    expect(await stockCounts(c)).toEqual({ received: 10, available: 9, reserved: 0, sold: 1 })
    const { results } = await env.DB.prepare(
      'SELECT order_id, parent_order_id, amount FROM payments_ledger WHERE parent_order_id = ? ORDER BY amount',
    )
      .bind(placed.body.id)
      .all()
    expect(results.map((r) => r.amount)).toEqual([2000, 3000])
  })

  it('lets one child be paid alone; the unpaid one closes at once and gives back its points, not the coupon', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 10000, stock: 5 })
    const c = await createSku({ storeId: storeB, price: 10000, stock: 5 })
    await admin('PUT', '/v1/admin/points-policy', {
      rate: { points: 1, minorUnits: 1 },
      maxShareBps: 10000,
      maxPointsPerOrder: null,
    })
    const buyer = uid('buyer')
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1000, reason: 'welcome' })
    const tpl = await couponTemplate({
      scope: { storeIds: [storeA, storeB] },
      benefit: { kind: 'amount_off', amountOff: cny(2000) },
    })
    const coupon = await issue(tpl, buyer)
    const placed = await placeCart(
      buyer,
      [
        { skuId: a, qty: 1 },
        { skuId: c, qty: 1 },
      ],
      { points: 1000 },
    )
    expect(placed.body.amounts.couponDiscount).toEqual(cny(2000))
    expect(placed.body.amounts.pointsDiscount).toEqual(cny(1000))
    const [first, second] = placed.body.children ?? []
    if (!first || !second) throw new Error('expected two children')

    expect((await payWhole(first.id, buyer)).body.status).toBe('pending_shipment')
    await settle(first.id)
    // The parent hears of the payment and closes the sibling without waiting for its deadline.
    await settle(placed.body.id)
    await settle(second.id)
    await settle(placed.body.id)

    const closed = await read(second.id, buyer)
    expect(closed.status).toBe('cancelled')
    expect(closed.cancelReason).toBe('SIBLING_PAID_ALONE')
    expect(await timersOf(second.id)).toEqual([])
    const parent = await read(placed.body.id, buyer)
    expect(parent.children?.map((ch) => ch.status)).toEqual(['pending_shipment', 'cancelled'])
    const coupons = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/coupons', {
      token: await token('buyer', buyer),
    })
    expect(coupons.body.items.map((x) => [x.id, x.status])).toEqual([[coupon, 'used']])
    // The closed child's share of the 1000 points comes back; the paid child's share is spent.
    expect((await admin('GET', `/v1/admin/members/${buyer}`)).body.pointsBalance).toBe(500)
    expect(await stockCounts(c)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
  })
})

describe('split rules at placement', () => {
  it('ships a fragile line alone, even from one store', async () => {
    const storeId = await createStore()
    const plain = await createSku({ storeId, price: 1000 })
    const admin1 = await token('admin', 'a')
    const vase = await createSku({ storeId, price: 5000 })
    await api('PATCH', `/v1/admin/skus/${vase}`, { token: admin1, body: { fragile: true } })
    const placed = await placeCart(uid('buyer'), [
      { skuId: plain, qty: 1 },
      { skuId: vase, qty: 1 },
    ])
    expect(placed.body.status).toBe('split')
    expect(placed.body.children?.map((ch) => ch.reasons)).toEqual([['handling'], ['handling']])
  })

  it('keeps a one-store cart of ordinary goods as one order', async () => {
    const storeId = await createStore()
    const x = await createSku({ storeId, price: 1000 })
    const y = await createSku({ storeId, price: 2000 })
    const placed = await placeCart(uid('buyer'), [
      { skuId: x, qty: 1 },
      { skuId: y, qty: 1 },
    ])
    expect(placed.body.status).toBe('pending_payment')
    expect(placed.body.children).toBeNull()
  })
})

describe('the quote shows the packages', () => {
  it('lists the packages a two-store cart will split into, with each share of freight', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 1000 })
    const c = await createSku({ storeId: storeB, price: 3000 })
    const quote = await api<{
      payable: { amount: number }
      packages: {
        index: number
        storeId: string
        lines: unknown[]
        payable: { amount: number }
        reasons: string[]
      }[]
    }>('POST', '/v1/checkout/quote', {
      token: await token('buyer', uid('buyer')),
      body: {
        lines: [
          { skuId: a, qty: 2 },
          { skuId: c, qty: 1 },
        ],
        address,
      },
    })
    expect(quote.status).toBe(200)
    expect(quote.body.packages).toEqual([
      {
        index: 1,
        storeId: storeA,
        warehouseId: expect.any(String),
        lines: [{ lineNo: 1, qty: 2 }],
        freight: cny(0),
        payable: cny(2000),
        reasons: ['store'],
      },
      {
        index: 2,
        storeId: storeB,
        warehouseId: expect.any(String),
        lines: [{ lineNo: 2, qty: 1 }],
        freight: cny(0),
        payable: cny(3000),
        reasons: ['store'],
      },
    ])
  })
})
