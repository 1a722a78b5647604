import { describe, expect, it } from 'vitest'
import type { CatalogSku } from '../../src/domain/catalog'
import { draftOrder } from '../../src/domain/order-draft'
import { giftFits, giftLine, withGiftLines } from '../../src/domain/order-gifts'
import { giftGrants } from '../../src/domain/pricing/gifts'
import { selectPromotions } from '../../src/domain/pricing/promotions'
import type { GiftRule, Promotion } from '../../src/domain/pricing/types'

const NOW = 1_750_000_000_000
const HOUR = 3_600_000
const ctx = { now: NOW, memberLevel: 0 }

function gift(id: string, rule: Partial<GiftRule> = {}, extra: Partial<Promotion> = {}): Promotion {
  return {
    id,
    level: 'store',
    storeId: 'store-a',
    rule: {
      kind: 'buy_x_get_y',
      buySkuId: 'sku-x',
      buyQty: 2,
      giftSkuId: 'sku-y',
      giftQty: 1,
      ...rule,
    },
    scope: {},
    startsAt: NOW - HOUR,
    endsAt: NOW + HOUR,
    priority: 0,
    exclusive: false,
    ...extra,
  } as Promotion
}

const bought = (qty: number, skuId = 'sku-x', storeId = 'store-a') => ({ skuId, storeId, qty })

describe('buy X get Y free', () => {
  it('earns giftQty for every full buyQty bought', () => {
    expect(giftGrants([bought(1)], [gift('g1')], ctx)).toEqual([])
    const share = { skuId: 'sku-x', buyQty: 2, giftQty: 1 }
    expect(giftGrants([bought(2)], [gift('g1')], ctx)).toEqual([
      { skuId: 'sku-y', qty: 1, promotionIds: ['g1'], earnedBy: [share] },
    ])
    expect(giftGrants([bought(5)], [gift('g1', { giftQty: 2 })], ctx)).toEqual([
      { skuId: 'sku-y', qty: 4, promotionIds: ['g1'], earnedBy: [{ ...share, giftQty: 2 }] },
    ])
  })

  it('gives nothing out of its window, below its member level, or on another store', () => {
    const ended = gift('g1', {}, { endsAt: NOW })
    const members = gift('g2', {}, { minMemberLevel: 2 })
    expect(giftGrants([bought(2)], [ended, members], ctx)).toEqual([])
    expect(giftGrants([bought(2, 'sku-x', 'store-b')], [gift('g3')], ctx)).toEqual([])
    const platform = gift('g4', {}, { level: 'platform', storeId: undefined } as Partial<Promotion>)
    expect(giftGrants([bought(2, 'sku-x', 'store-b')], [platform], ctx)).toHaveLength(1)
  })

  it('lets a line join only its highest-ranked gift promotion, and merges grants of one SKU', () => {
    const low = gift('g-low', { giftSkuId: 'sku-z' })
    const high = gift('g-high', {}, { priority: 5 })
    expect(giftGrants([bought(2)], [low, high], ctx)).toEqual([
      {
        skuId: 'sku-y',
        qty: 1,
        promotionIds: ['g-high'],
        earnedBy: [{ skuId: 'sku-x', buyQty: 2, giftQty: 1 }],
      },
    ])
    const other = gift('g-w', { buySkuId: 'sku-w', buyQty: 1 })
    expect(giftGrants([bought(2), bought(3, 'sku-w')], [gift('g1'), other], ctx)).toEqual([
      {
        skuId: 'sku-y',
        qty: 4,
        promotionIds: ['g1', 'g-w'],
        earnedBy: [
          { skuId: 'sku-x', buyQty: 2, giftQty: 1 },
          { skuId: 'sku-w', buyQty: 1, giftQty: 1 },
        ],
      },
    ])
  })

  it('takes no line from the discount promotions of its level', () => {
    const spendSave: Promotion = {
      ...gift('s1'),
      rule: {
        kind: 'spend_save',
        threshold: { amount: 100, currency: 'CNY' },
        amountOff: { amount: 10, currency: 'CNY' },
      },
    }
    const lines = [
      {
        lineNo: 1,
        skuId: 'sku-x',
        storeId: 'store-a',
        categoryId: 'c',
        unitPrice: { amount: 100, currency: 'CNY' },
        qty: 2,
        weightGrams: 1,
      },
    ]
    const level = { now: NOW, currency: 'CNY', memberLevel: 0, lines, amounts: [200], earlier: [] }
    const picked = selectPromotions(
      'store',
      [gift('a-gift', {}, { priority: 9 }), spendSave],
      level,
    )
    expect(picked.picks.map((p) => [p.promotion.id, p.discount])).toEqual([['s1', 10]])
    expect(picked.skips).toEqual([])
  })
})

const sku = (id: string, extra: Partial<CatalogSku> = {}): CatalogSku => ({
  id,
  storeId: 'store-a',
  title: `Title ${id}`,
  categoryId: null,
  priceAmount: 1250,
  currency: 'CNY',
  weightGrams: 100,
  volumeCm3: 10,
  fragile: false,
  oversized: false,
  onSale: true,
  orderType: 'physical',
  presaleDepositAmount: null,
  presaleBalanceStartsAt: null,
  crossBorder: false,
  shipsAt: null,
  version: 3,
  ...extra,
})

describe('gift lines on the order', () => {
  const skus = new Map([['sku-x', sku('sku-x')]])
  const draft = draftOrder([{ skuId: 'sku-x', qty: 2 }], skus, NOW)
  if (!draft.ok) throw new Error('draft')

  it('carries 0 in every amount and leaves the money of the order as it was', () => {
    const earnedBy = [{ skuId: 'sku-x', buyQty: 2, giftQty: 1 }]
    const line = giftLine(
      sku('sku-y'),
      { skuId: 'sku-y', qty: 1, promotionIds: ['g1'], earnedBy },
      2,
    )
    expect(line).toMatchObject({
      lineNo: 2,
      skuId: 'sku-y',
      qty: 1,
      unitPrice: 0,
      amount: 0,
      finalAmount: 0,
      storeDiscount: 0,
      couponDiscount: 0,
      pointsDiscount: 0,
      giftOf: ['g1'],
      giftEarnedBy: earnedBy,
    })
    const withGift = withGiftLines(draft, [line])
    expect(withGift.lines.map((l) => l.skuId)).toEqual(['sku-x', 'sku-y'])
    expect(withGift.amounts).toEqual(draft.amounts)
  })

  it('fits only when on sale, in the same currency, type and store as the order', () => {
    expect(giftFits(sku('sku-y'), draft)).toBe(true)
    expect(giftFits(undefined, draft)).toBe(false)
    expect(giftFits(sku('sku-y', { onSale: false }), draft)).toBe(false)
    expect(giftFits(sku('sku-y', { currency: 'USD' }), draft)).toBe(false)
    expect(giftFits(sku('sku-y', { orderType: 'virtual' }), draft)).toBe(false)
    expect(giftFits(sku('sku-y', { storeId: 'store-b' }), draft)).toBe(false)
  })
})
