import { afterEach, describe, expect, it } from 'vitest'
import { createSku, createStore } from '../support/catalog'
import {
  admin,
  couponTemplate,
  designCart,
  issue,
  quote,
  spendSave,
  weightFreight,
} from '../support/checkout'
import { uid } from '../support/ids'
import { cny } from '../support/pricing'
import { clearWalletAlarms, walletStub } from '../support/wallet'

afterEach(clearWalletAlarms)

const finals = (body: { lines: { finalAmount: { amount: number } }[] }) =>
  body.lines.map((l) => l.finalAmount.amount)

describe('POST /v1/checkout/quote: the worked discount examples', () => {
  it('A 100 + B 200 (store A) + C 300 (store B), two promotions and a 150 voucher: pays 300.00', async () => {
    const { storeA, storeB, a, b, c } = await designCart()
    const store = await spendSave('store', 20000, 5000, { storeId: storeA })
    const platform = await spendSave('platform', 20000, 10000, {
      scope: { storeIds: [storeA, storeB] },
    })
    const buyer = uid('buyer')
    const template = await couponTemplate({ scope: { storeIds: [storeA, storeB] } })
    const coupon = await issue(template, buyer)
    const lines = [a, b, c].map((skuId) => ({ skuId, qty: 1 }))
    const res = await quote(buyer, { lines })
    expect(res.status).toBe(200)
    expect(res.body.payable).toEqual(cny(30000))
    expect(finals(res.body)).toEqual([4545, 9091, 16364])
    const layers = res.body.lines.map((l) => [
      l.discounts.store?.amount,
      l.discounts.platform?.amount,
      l.discounts.coupon?.amount,
    ])
    expect(layers).toEqual([
      [1667, 1515, 2273],
      [3333, 3030, 4546],
      [0, 5455, 8181],
    ])
    expect(res.body.promotions).toEqual({
      applied: [
        {
          promotionId: store,
          level: 'store',
          base: cny(30000),
          discount: cny(5000),
          lines: [
            { lineNo: 1, amount: cny(1667) },
            { lineNo: 2, amount: cny(3333) },
          ],
        },
        {
          promotionId: platform,
          level: 'platform',
          base: cny(55000),
          discount: cny(10000),
          lines: [
            { lineNo: 1, amount: cny(1515) },
            { lineNo: 2, amount: cny(3030) },
            { lineNo: 3, amount: cny(5455) },
          ],
        },
      ],
      notApplied: [],
    })
    expect(res.body.coupons).toMatchObject({
      selection: 'auto',
      chosen: [{ couponId: coupon, templateId: template, deduction: cny(15000) }],
      unusable: [],
    })
    expect(res.body.totals).toEqual({
      list: cny(60000),
      memberDiscount: cny(0),
      storePromotion: cny(5000),
      platformPromotion: cny(10000),
      coupon: cny(15000),
      points: cny(0),
      goods: cny(30000),
      freight: cny(0),
      payable: cny(30000),
    })
  })

  it('A 100 + B 200 with "spend 100 save 50": pays 250.00 and A keeps 83.33', async () => {
    const { storeA, a, b } = await designCart()
    await spendSave('store', 10000, 5000, { storeId: storeA })
    const res = await quote(uid('buyer'), {
      lines: [
        { skuId: a, qty: 1 },
        { skuId: b, qty: 1 },
      ],
      couponIds: 'none',
    })
    expect(res.status).toBe(200)
    expect(res.body.payable).toEqual(cny(25000))
    expect(finals(res.body)).toEqual([8333, 16667])
  })
})

describe('POST /v1/checkout/quote: the rest of the breakdown', () => {
  it('says why a promotion did not apply', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 5000 })
    const tooHigh = await spendSave('store', 90000, 100, { storeId })
    const membersOnly = await spendSave('store', 1000, 100, { storeId, minMemberLevel: 3 })
    const res = await quote(uid('buyer'), { lines: [{ skuId: sku, qty: 1 }] })
    // Promotions are global: other tests' platform ones show up here as NO_LINE_IN_SCOPE.
    const { applied, notApplied } = res.body.promotions as {
      applied: unknown[]
      notApplied: { promotionId: string }[]
    }
    const mine = notApplied.filter((p) => [tooHigh, membersOnly].includes(p.promotionId))
    expect({ applied, notApplied: mine }).toEqual({
      applied: [],
      notApplied: [
        { promotionId: tooHigh, level: 'store', reason: 'THRESHOLD_NOT_MET' },
        { promotionId: membersOnly, level: 'store', reason: 'MEMBER_LEVEL_TOO_LOW' },
      ].sort((x, y) => (x.promotionId < y.promotionId ? -1 : 1)),
    })
    expect(res.body.payable).toEqual(cny(5000))
  })

  it('prices member level, points under both caps, and freight with its free-over threshold', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 10000, weightGrams: 1800 })
    const buyer = uid('buyer')
    await admin('PUT', '/v1/admin/member-levels/7', { name: 'Gold', discountBps: 500 })
    await admin('PUT', `/v1/admin/members/${buyer}`, { level: 7 })
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 1000, reason: 'welcome' })
    await admin('PUT', '/v1/admin/points-policy', {
      rate: { points: 1, minorUnits: 1 },
      maxShareBps: 1000,
      maxPointsPerOrder: 500,
    })
    await weightFreight(storeId, 18000)
    const one = await quote(buyer, { lines: [{ skuId: sku, qty: 1 }], points: 2000 })
    expect(one.status).toBe(200)
    // 100.00 less 5% member price = 95.00; points capped at 500 (count cap; 10% would allow 950).
    expect(one.body.totals).toMatchObject({
      memberDiscount: cny(500),
      points: cny(500),
      freight: cny(1200),
      payable: cny(10200),
    })
    expect(one.body.points).toEqual({
      requested: 2000,
      used: 500,
      value: cny(500),
      maxValue: cny(950),
    })
    const two = await quote(buyer, { lines: [{ skuId: sku, qty: 2 }] })
    expect(two.body.totals).toMatchObject({
      goods: cny(19000),
      freight: cny(0),
      payable: cny(19000),
    })
  })

  it('auto picks the best coupon and lists the others with their reasons', async () => {
    const storeId = await createStore()
    const elsewhere = await createStore()
    const sku = await createSku({ storeId, price: 30000 })
    const buyer = uid('buyer')
    const big = await issue(await couponTemplate({ scope: { storeIds: [storeId] } }), buyer)
    const small = await issue(
      await couponTemplate({ benefit: { kind: 'amount_off', amountOff: cny(2000) } }),
      buyer,
    )
    const foreign = await issue(await couponTemplate({ scope: { storeIds: [elsewhere] } }), buyer)
    const held = await issue(await couponTemplate(), buyer)
    expect((await walletStub(buyer).redeem('order-elsewhere', [held], 0)).ok).toBe(true)
    const res = await quote(buyer, { lines: [{ skuId: sku, qty: 1 }] })
    expect(res.status).toBe(200)
    const chosen = (res.body.coupons as { chosen: { couponId: string }[] }).chosen
    expect(chosen.map((c) => c.couponId).sort()).toEqual([big, small].sort())
    expect((res.body.coupons as { unusable: unknown[] }).unusable).toEqual([
      { couponId: held, reason: 'LOCKED' },
      { couponId: foreign, reason: 'NOT_APPLICABLE' },
    ])
    expect(res.body.payable).toEqual(cny(30000 - 15000 - 2000))
  })
})
