import { describe, expect, it } from 'vitest'
import { createRefusalTally, type RefusalKind } from '../../src/http/refusal-tally'

const soldOut: RefusalKind = { method: 'POST', route: '/v1/orders', status: 409, code: 'SOLD_OUT' }
const limit: RefusalKind = {
  method: 'POST',
  route: '/v1/orders',
  status: 422,
  code: 'PURCHASE_LIMIT_EXCEEDED',
}

describe('refusal tally', () => {
  it('lets only the first refusal of each kind in a window be logged in full', () => {
    const tally = createRefusalTally(10_000)
    expect(tally.count(soldOut, 1_000)).toBe(true)
    expect(tally.count(soldOut, 1_005)).toBe(false)
    expect(tally.count(limit, 1_006)).toBe(true)
    expect(tally.count(soldOut, 10_999)).toBe(false)
  })

  it('hands the counts out once, to the first call after the window ends', () => {
    const tally = createRefusalTally(10_000)
    tally.count(soldOut, 1_000)
    tally.count(soldOut, 1_001)
    tally.count(limit, 2_000)
    tally.count(soldOut, 3_000)
    expect(tally.due(10_999)).toBeNull()
    expect(tally.due(11_000)).toEqual({
      from: '1970-01-01T00:00:01.000Z',
      to: '1970-01-01T00:00:11.000Z',
      refusals: [
        { ...soldOut, total: 3 },
        { ...limit, total: 1 },
      ],
    })
    expect(tally.due(11_001)).toBeNull()
    expect(tally.count(soldOut, 11_002)).toBe(true)
  })

  it('reports nothing for a window whose every refusal was logged in full', () => {
    const tally = createRefusalTally(10_000)
    tally.count(soldOut, 0)
    tally.count(limit, 1)
    expect(tally.due(20_000)).toBeNull()
    expect(tally.count(soldOut, 20_001)).toBe(true)
  })
})
