import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { unitAmounts } from '../../src/domain/pricing/refund'
import {
  defaultSplitConfig,
  explainSplit,
  type SplitConfig,
  type SplitInput,
  type SplitLine,
  type SplitPackage,
  splitOrder,
} from '../../src/domain/split'

const day = 86_400_000

function line(lineNo: number, over: Partial<SplitLine> = {}): SplitLine {
  const qty = over.qty ?? 1
  const unitPrice = over.unitPrice ?? 10_000
  const amount = over.amount ?? unitPrice * qty
  return {
    lineNo,
    skuId: `sku-${lineNo}`,
    storeId: 'A',
    title: `item ${lineNo}`,
    categoryId: null,
    qty,
    unitPrice,
    amount,
    memberDiscount: 0,
    storeDiscount: 0,
    platformDiscount: 0,
    couponDiscount: 0,
    pointsDiscount: 0,
    finalAmount: amount,
    weightGrams: 100,
    volumeCm3: 100,
    fragile: false,
    oversized: false,
    skuVersion: 1,
    warehouseId: 'W1',
    crossBorder: false,
    shipsAt: null,
    ...over,
  }
}

const split = (lines: SplitLine[], config: Partial<SplitConfig> = {}, freight = 0) =>
  splitOrder({ lines, freight, now: 0 }, { ...defaultSplitConfig, ...config })

/** Packages as "line x qty" runs, packages apart by " | ": 1x2 3x1 | 2x1. */
const shape = (pkgs: SplitPackage[]) =>
  pkgs.map((p) => p.lines.map((l) => `${l.sourceLineNo}x${l.qty}`).join(' ')).join(' | ')
const reasons = (pkgs: SplitPackage[]) => pkgs.map((p) => p.reasons)

describe('split rules, each on its own', () => {
  it('keeps a single package whole, with every amount and the freight', () => {
    const pkgs = split([line(1, { qty: 2 }), line(2)], {}, 800)
    expect(shape(pkgs)).toBe('1x2 2x1')
    expect(pkgs[0]?.reasons).toEqual([])
    expect(pkgs[0]?.totals).toMatchObject({ items: 30_000, freight: 800, payable: 30_800 })
  })

  it('store: one package per store, in order of first appearance', () => {
    const pkgs = split([line(1), line(2, { storeId: 'B' }), line(3)])
    expect(shape(pkgs)).toBe('1x1 3x1 | 2x1')
    expect(pkgs.map((p) => p.storeId)).toEqual(['A', 'B'])
    expect(reasons(pkgs)).toEqual([['store'], ['store']])
  })

  it('warehouse: one package per warehouse of a store', () => {
    const pkgs = split([line(1), line(2, { warehouseId: 'W2' }), line(3)])
    expect(shape(pkgs)).toBe('1x1 3x1 | 2x1')
    expect(pkgs.map((p) => p.warehouseId)).toEqual(['W1', 'W2'])
    expect(reasons(pkgs)).toEqual([['warehouse'], ['warehouse']])
  })

  it('handling: a fragile line and an oversized line each ship alone', () => {
    const pkgs = split([
      line(1),
      line(2, { fragile: true, qty: 2 }),
      line(3),
      line(4, { oversized: true }),
    ])
    expect(shape(pkgs)).toBe('1x1 3x1 | 2x2 | 4x1')
    expect(reasons(pkgs)).toEqual([['handling'], ['handling'], ['handling']])
  })

  it('carrier limit: first-fit by weight in cart order, a line cut by units', () => {
    const lines = [
      line(1, { weightGrams: 2000 }),
      line(2, { weightGrams: 2000, qty: 2 }),
      line(3, { weightGrams: 1000 }),
    ]
    const pkgs = split(lines, { maxWeightGrams: 5000 })
    expect(shape(pkgs)).toBe('1x1 2x1 3x1 | 2x1')
    expect(pkgs.map((p) => p.weightGrams)).toEqual([5000, 2000])
    expect(reasons(pkgs)).toEqual([['carrier_limit'], ['carrier_limit']])
  })

  it('carrier limit: volume cuts too', () => {
    const pkgs = split([line(1, { volumeCm3: 400, qty: 3 })], { maxVolumeCm3: 1000 })
    expect(shape(pkgs)).toBe('1x2 | 1x1')
    expect(pkgs.map((p) => p.volumeCm3)).toEqual([800, 400])
  })

  it('carrier limit: a unit heavier than the limit ships alone and says so', () => {
    const heavy = line(1, { weightGrams: 40_000, qty: 2 })
    const pkgs = split([heavy, line(2)], { maxWeightGrams: 30_000 })
    expect(shape(pkgs)).toBe('1x1 | 1x1 | 2x1')
    const alone = ['carrier_limit', 'unit_over_carrier_limit']
    expect(reasons(pkgs)).toEqual([alone, alone, ['carrier_limit']])
    const single = split([line(1, { weightGrams: 40_000 })], { maxWeightGrams: 30_000 })
    expect(reasons(single)).toEqual([['unit_over_carrier_limit']])
  })

  it('customs cap: cross-border lines by final amount; domestic lines do not count', () => {
    const lines = [
      line(1, { crossBorder: true, unitPrice: 6000 }),
      line(2, { crossBorder: true, unitPrice: 3000, qty: 3 }),
      line(3, { unitPrice: 50_000 }),
      line(4, { crossBorder: true, unitPrice: 20_000 }),
    ]
    const pkgs = split(lines, { customsValueCap: 10_000 })
    expect(shape(pkgs)).toBe('1x1 2x1 3x1 | 2x2 | 4x1')
    expect(reasons(pkgs)).toEqual([
      ['customs_cap'],
      ['customs_cap'],
      ['customs_cap', 'unit_over_customs_cap'],
    ])
  })

  it('presale: lines shipping more than N days later leave, one package per ship date', () => {
    const lines = [
      line(1),
      line(2, { shipsAt: 7 * day }),
      line(3, { shipsAt: 10 * day }),
      line(4, { shipsAt: 20 * day }),
      line(5, { shipsAt: 10 * day }),
    ]
    const pkgs = split(lines, { presaleHorizonDays: 7 })
    expect(shape(pkgs)).toBe('1x1 2x1 | 3x1 5x1 | 4x1')
    expect(pkgs.map((p) => p.shipsAt)).toEqual([7 * day, 10 * day, 20 * day])
    expect(reasons(pkgs)).toEqual([['presale'], ['presale'], ['presale']])
  })
})

describe('split rules, in order', () => {
  it('cuts by store before handling: a fragile line of store A does not join store B', () => {
    const pkgs = split([line(1), line(2, { fragile: true }), line(3, { storeId: 'B' })])
    expect(shape(pkgs)).toBe('1x1 | 2x1 | 3x1')
    expect(reasons(pkgs)).toEqual([['store', 'handling'], ['store', 'handling'], ['store']])
  })

  it('packs only within a warehouse, and lists every rule that cut a package', () => {
    const lines = [
      line(1, { weightGrams: 3000 }),
      line(2, { weightGrams: 1000, warehouseId: 'W2' }),
      line(3, { weightGrams: 3000, shipsAt: 30 * day }),
    ]
    const pkgs = split(lines, { maxWeightGrams: 5000 })
    expect(shape(pkgs)).toBe('1x1 | 3x1 | 2x1')
    expect(reasons(pkgs)).toEqual([
      ['warehouse', 'carrier_limit'],
      ['warehouse', 'carrier_limit'],
      ['warehouse'],
    ])
  })
})

describe('unit splitting', () => {
  it('cuts every amount field of a line over its units, exactly', () => {
    const cut = line(1, {
      qty: 3,
      unitPrice: 4000,
      storeDiscount: 1000,
      couponDiscount: 1000,
      finalAmount: 10_000,
      weightGrams: 2000,
    })
    const pkgs = split([cut], { maxWeightGrams: 4000 })
    const [first, second] = pkgs.map((p) => p.lines[0])
    expect(first).toMatchObject({ qty: 2, firstUnit: 0, amount: 8000, finalAmount: 6667 })
    expect(first).toMatchObject({ storeDiscount: 667, couponDiscount: 666, sourceLineNo: 1 })
    expect(second).toMatchObject({ qty: 1, firstUnit: 2, amount: 4000, finalAmount: 3333 })
    expect(second).toMatchObject({ storeDiscount: 333, couponDiscount: 334, lineNo: 1 })
  })
})

describe('freight sharing', () => {
  const lines = [line(1), line(2, { storeId: 'B', unitPrice: 20_000, weightGrams: 300 })]

  it('by_amount: in proportion to package finals, largest remainder', () => {
    const pkgs = split(lines, { freightSharing: 'by_amount' }, 1000)
    expect(pkgs.map((p) => p.totals.freight)).toEqual([333, 667])
    expect(pkgs.map((p) => p.totals.payable)).toEqual([10_333, 20_667])
  })

  it('by_weight: in proportion to package weight', () => {
    const pkgs = split(lines, { freightSharing: 'by_weight' }, 1001)
    expect(pkgs.map((p) => p.totals.freight)).toEqual([250, 751])
  })

  it('first_package: all on package 1', () => {
    const pkgs = split(lines, { freightSharing: 'first_package' }, 1000)
    expect(pkgs.map((p) => p.totals.freight)).toEqual([1000, 0])
  })
})

describe('explainSplit', () => {
  it('gives each package its lines and reasons as plain data', () => {
    const pkgs = split([line(1, { qty: 3, weightGrams: 2000 }), line(2, { storeId: 'B' })], {
      maxWeightGrams: 4000,
    })
    expect(explainSplit(pkgs)).toEqual([
      { index: 1, lines: [{ sourceLineNo: 1, qty: 2 }], reasons: ['store', 'carrier_limit'] },
      { index: 2, lines: [{ sourceLineNo: 1, qty: 1 }], reasons: ['store', 'carrier_limit'] },
      { index: 3, lines: [{ sourceLineNo: 2, qty: 1 }], reasons: ['store'] },
    ])
  })

  it('refuses a line whose discounts do not add up, and an empty submission', () => {
    expect(() => split([line(1, { finalAmount: 1 })])).toThrow(RangeError)
    expect(() => split([])).toThrow(RangeError)
  })
})

const layerNames = [
  'memberDiscount',
  'storeDiscount',
  'platformDiscount',
  'couponDiscount',
  'pointsDiscount',
] as const
const fields = ['amount', ...layerNames, 'finalAmount', 'qty'] as const

const rarely = fc.integer({ min: 0, max: 6 }).map((n) => n === 0)

const lineArb = (lineNo: number) =>
  fc
    .record({
      storeId: fc.constantFrom('A', 'B'),
      warehouseId: fc.constantFrom('W1', 'W2'),
      qty: fc.integer({ min: 1, max: 6 }),
      unitPrice: fc.integer({ min: 0, max: 50_000 }),
      bps: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 5, maxLength: 5 }),
      weightGrams: fc.integer({ min: 0, max: 20_000 }),
      volumeCm3: fc.integer({ min: 0, max: 60_000 }),
      fragile: rarely,
      oversized: rarely,
      crossBorder: fc.boolean(),
      shipsAt: fc.option(fc.integer({ min: 0, max: 30 * day }), { freq: 2 }),
    })
    .map(({ bps, ...facts }) => {
      const amount = facts.unitPrice * facts.qty
      const [member, store, platform, coupon, points] = bps.map((b) =>
        Math.floor((amount * b) / 10_000),
      ) as [number, number, number, number, number]
      const finalAmount = amount - member - store - platform - coupon - points
      const discounts = {
        memberDiscount: member,
        storeDiscount: store,
        platformDiscount: platform,
        couponDiscount: coupon,
        pointsDiscount: points,
      }
      return line(lineNo, { ...facts, amount, ...discounts, finalAmount })
    })

const inputArb: fc.Arbitrary<SplitInput> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    lines: fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i + 1))),
    freight: fc.integer({ min: 0, max: 100_000 }),
    now: fc.constant(0),
  }),
)

const configArb: fc.Arbitrary<SplitConfig> = fc.record({
  maxWeightGrams: fc.integer({ min: 1, max: 40_000 }),
  maxVolumeCm3: fc.integer({ min: 1, max: 100_000 }),
  customsValueCap: fc.integer({ min: 1, max: 200_000 }),
  presaleHorizonDays: fc.integer({ min: 0, max: 14 }),
  freightSharing: fc.constantFrom('by_amount', 'by_weight', 'first_package'),
})

const total = <K extends string>(items: readonly Record<K, number>[], field: K) =>
  items.reduce((acc, item) => acc + item[field], 0)

/** A package over a limit must be one unit that exceeds it alone, and must say so. */
function expectWithin(pkg: SplitPackage, over: boolean, note: string) {
  if (!over) return
  expect(pkg.lines.map((l) => l.qty)).toEqual([1])
  expect(pkg.reasons).toContain(note)
}

describe('split properties', () => {
  it('packages sum to the submission for every amount field and for the freight', () => {
    fc.assert(
      fc.property(inputArb, configArb, (input, config) => {
        const pkgs = splitOrder(input, config)
        const lines = pkgs.flatMap((p) => p.lines)
        for (const field of fields) expect(total(lines, field)).toBe(total(input.lines, field))
        expect(
          total(
            pkgs.map((p) => p.totals),
            'freight',
          ),
        ).toBe(input.freight)
        const payable = total(input.lines, 'finalAmount') + input.freight
        expect(
          total(
            pkgs.map((p) => p.totals),
            'payable',
          ),
        ).toBe(payable)
        for (const source of input.lines) {
          const pieces = lines.filter((l) => l.sourceLineNo === source.lineNo)
          for (const field of fields) expect(total(pieces, field)).toBe(source[field])
        }
      }),
    )
  })

  it('keeps each piece consistent, non-negative and priced as refunds price its units', () => {
    fc.assert(
      fc.property(inputArb, configArb, (input, config) => {
        for (const l of splitOrder(input, config).flatMap((p) => p.lines)) {
          const discounts = layerNames.reduce((a, k) => a + l[k], 0)
          expect(l.amount - discounts).toBe(l.finalAmount)
          for (const field of fields) expect(l[field]).toBeGreaterThanOrEqual(0)
          const source = input.lines.find((s) => s.lineNo === l.sourceLineNo)
          const units = unitAmounts(
            { amount: source?.finalAmount ?? 0, currency: 'CNY' },
            source?.qty ?? 0,
          )
          if (!units.ok) throw new Error('bad source line')
          const slice = units.value.slice(l.firstUnit, l.firstUnit + l.qty)
          expect(l.finalAmount).toBe(slice.reduce((a, m) => a + m.amount, 0))
        }
      }),
    )
  })

  it('respects the carrier and customs limits unless a single unit exceeds them alone', () => {
    fc.assert(
      fc.property(inputArb, configArb, (input, config) => {
        for (const pkg of splitOrder(input, config)) {
          expectWithin(pkg, pkg.weightGrams > config.maxWeightGrams, 'unit_over_carrier_limit')
          expectWithin(pkg, pkg.volumeCm3 > config.maxVolumeCm3, 'unit_over_carrier_limit')
          const declared = total(
            pkg.lines.filter((l) => l.crossBorder),
            'finalAmount',
          )
          expectWithin(pkg, declared > config.customsValueCap, 'unit_over_customs_cap')
        }
      }),
    )
  })

  it('never mixes stores, warehouses, special handling or far presale dates', () => {
    fc.assert(
      fc.property(inputArb, configArb, (input, config) => {
        const horizon = input.now + config.presaleHorizonDays * day
        for (const pkg of splitOrder(input, config)) {
          const ls = pkg.lines
          expect(new Set(ls.map((l) => l.storeId)).size).toBe(1)
          expect(new Set(ls.map((l) => l.warehouseId)).size).toBe(1)
          expect(new Set(ls.map((l) => l.sourceLineNo)).size).toBe(ls.length)
          if (ls.some((l) => l.fragile || l.oversized)) expect(ls).toHaveLength(1)
          const later = ls.map((l) => (l.shipsAt !== null && l.shipsAt > horizon ? l.shipsAt : 0))
          expect(new Set(later).size).toBe(1)
        }
      }),
    )
  })

  it('is deterministic: the same input gives the same packages in the same order', () => {
    fc.assert(
      fc.property(inputArb, configArb, (input, config) => {
        const again = structuredClone(input)
        const first = splitOrder(input, config)
        expect(splitOrder(again, config)).toEqual(first)
        expect(first.map((p) => p.index)).toEqual(first.map((_, i) => i + 1))
      }),
    )
  })
})
