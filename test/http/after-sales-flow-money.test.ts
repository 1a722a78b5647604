import { describe, expect, it } from 'vitest'
import {
  buyerToken,
  ledgerOf,
  merchantStep,
  type Order,
  openAfterSale,
  rows,
  ship,
} from '../support/after-sales'
import { address, createSku, createStore } from '../support/catalog'
import {
  admin,
  couponTemplate,
  designCart,
  issue,
  pointsAtPar,
  spendSave,
  weightFreight,
} from '../support/checkout'
import { api } from '../support/http'
import { uid } from '../support/ids'
import { readOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

type Parent = Order & { children: { id: string; storeId: string }[] | null }

/** Opens a refund of `lines` on a shipped order and approves it; the refund's line amounts. */
async function refund(id: string, buyer: string, storeId: string, lineNo: number) {
  const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo, qty: 1 }])
  expect(opened.status).toBe(201)
  const approved = await merchantStep(id, storeId, opened.body.id, 'approve')
  await settle(id)
  return { asId: opened.body.id, amounts: approved.body.refund?.lines.map((l) => l.amount.amount) }
}

describe('refund amounts', () => {
  it('pays back the worked discount example line by line: 45.45, 90.91 and 163.64, and nothing more', async () => {
    const { storeA, storeB, a, b, c } = await designCart()
    await spendSave('store', 20000, 5000, { storeId: storeA, scope: { storeIds: [storeA] } })
    await spendSave('platform', 20000, 10000, { scope: { storeIds: [storeA, storeB] } })
    const tpl = await couponTemplate({ scope: { storeIds: [storeA, storeB] } })
    const buyer = uid('buyer')
    const coupon = await issue(tpl, buyer)
    const placed = await api<Parent>('POST', '/v1/orders', {
      token: await buyerToken(buyer),
      headers: { 'Idempotency-Key': uid('key') },
      body: { lines: [a, b, c].map((skuId) => ({ skuId, qty: 1 })), address },
    })
    expect(placed.body.amounts.payable).toEqual(cny(30000))
    const parent = placed.body.id
    expect(
      (await api('POST', `/v1/orders/${parent}/pay`, { token: await buyerToken(buyer) })).status,
    ).toBe(200)
    const [childA, childB] = placed.body.children ?? []
    if (!childA || !childB) throw new Error('the worked example cart splits by store')
    for (const child of [childA, childB]) {
      await settle(child.id)
      await ship(child.id, child.storeId)
    }

    const first = await refund(childA.id, buyer, storeA, 1)
    const second = await refund(childA.id, buyer, storeA, 2)
    const third = await refund(childB.id, buyer, storeB, 3)
    expect([first.amounts, second.amounts, third.amounts]).toEqual([[4545], [9091], [16364]])
    expect(await ledgerOf(childA.id)).toEqual([
      ['payment', 13636],
      ['refund', 4545],
      ['refund', 9091],
    ])
    expect(await ledgerOf(childB.id)).toEqual([
      ['payment', 16364],
      ['refund', 16364],
    ])
    const [payment] = await rows(
      "SELECT provider_ref FROM payments_ledger WHERE order_id = ? AND kind = 'payment'",
      childA.id,
    )
    const statement = await rows(
      'SELECT kind, amount FROM sandbox_statement WHERE payment_id = ? ORDER BY kind, amount',
      payment?.provider_ref,
    )
    expect(statement.map((r) => [r.kind, r.amount])).toEqual([
      ['payment', 30000],
      ['refund', 4545],
      ['refund', 9091],
      ['refund', 16364],
    ])
    for (const child of [childA, childB]) expect((await readOrder(child.id)).status).toBe('closed')
    // The coupon stays spent: coupons are not returned once the order is paid.
    const coupons = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/coupons', {
      token: await buyerToken(buyer),
    })
    expect(coupons.body.items.map((x) => [x.id, x.status])).toEqual([[coupon, 'used']])
  })

  it('keeps the freight of a shipped order and returns points in proportion to the money', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 10000, stock: 10 })
    await weightFreight(storeId)
    await pointsAtPar()
    const buyer = uid('buyer')
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1001, reason: 'welcome' })
    const placed = await api<Order>('POST', '/v1/orders', {
      token: await buyerToken(buyer),
      headers: { 'Idempotency-Key': uid('key') },
      body: { lines: [{ skuId: sku, qty: 3 }], address, points: 1001, couponIds: 'none' },
    })
    const id = placed.body.id
    const freight = placed.body.amounts.freight.amount
    expect(freight).toBeGreaterThan(0)
    expect(placed.body.amounts.payable.amount).toBe(30000 - 1001 + freight)
    await api('POST', `/v1/orders/${id}/pay`, { token: await buyerToken(buyer) })
    await settle(id)
    await ship(id, storeId)

    const points: number[] = []
    const paid: number[] = []
    for (const qty of [1, 2]) {
      const opened = await api<{ id: string }>('POST', `/v1/orders/${id}/after-sales`, {
        token: await buyerToken(buyer),
        body: { type: 'refund_only', lines: [{ lineNo: 1, qty }], reason: 'damaged' },
      })
      const approved = await merchantStep(id, storeId, opened.body.id, 'approve')
      points.push(approved.body.refund?.points ?? -1)
      paid.push(approved.body.refund?.total.amount ?? -1)
      expect(approved.body.refund?.freight.amount).toBe(0)
      await settle(id)
    }
    // 28999 over 3 units: 9667, 9666, 9666; points floor(1001 x R / 28999) cumulatively.
    expect(paid).toEqual([9667, 19332])
    expect(points).toEqual([333, 668])
    expect((await readOrder(id)).status).toBe('closed')
    const member = await admin('GET', `/v1/admin/members/${buyer}`)
    expect(member.body.pointsBalance).toBe(1001)
  })
})
