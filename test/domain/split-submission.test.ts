import { describe, expect, it } from 'vitest'
import type { OrderLine } from '../../src/domain/order'
import { defaultSplitConfig } from '../../src/domain/split'
import { pointsShares, splitSubmission } from '../../src/domain/split-submission'
import type { SplitLine } from '../../src/domain/split-types'
import { orderLine } from '../support/after-sale-records'

function line(
  lineNo: number,
  storeId: string,
  finalAmount: number,
  extra: Partial<OrderLine> = {},
): SplitLine {
  return { ...orderLine(lineNo, 1, finalAmount), storeId, warehouseId: 'wh', ...extra }
}

describe('splitting a submission', () => {
  it("shares each store's freight over that store's packages only, numbering packages across stores", () => {
    const lines = [line(1, 'a', 10000), line(2, 'b', 30000), line(3, 'a', 20000, { fragile: true })]
    const packages = splitSubmission(
      lines,
      [
        { storeId: 'a', amount: 1000 },
        { storeId: 'b', amount: 500 },
      ],
      defaultSplitConfig,
      0,
    )
    expect(
      packages.map((p) => [p.index, p.storeId, p.lines.map((l) => l.lineNo), p.totals.freight]),
    ).toEqual([
      [1, 'a', [1], 333],
      [2, 'a', [3], 667],
      [3, 'b', [2], 500],
    ])
    expect(packages.map((p) => p.reasons)).toEqual([
      ['store', 'handling'],
      ['store', 'handling'],
      ['store'],
    ])
    expect(packages.map((p) => p.totals.payable)).toEqual([10333, 20667, 30500])
  })

  it('keeps a one-store, one-warehouse cart whole', () => {
    const packages = splitSubmission(
      [line(1, 'a', 100), line(2, 'a', 200)],
      [],
      defaultSplitConfig,
      0,
    )
    expect(packages.length).toBe(1)
    expect(packages[0]?.reasons).toEqual([])
  })

  it('shares the points redeemed in proportion to what each package took off in points', () => {
    const packages = splitSubmission(
      [
        line(1, 'a', 900, { amount: 1000, pointsDiscount: 100 }),
        line(2, 'b', 1800, { amount: 2000, pointsDiscount: 200 }),
      ],
      [],
      defaultSplitConfig,
      0,
    )
    expect(pointsShares(packages, 301)).toEqual([100, 201])
  })
})
