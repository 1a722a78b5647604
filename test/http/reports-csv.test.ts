import { describe, expect, it } from 'vitest'
import { money, shareBps } from '../../src/reports/money'
import { cronRange } from '../../src/reports/reconciliation-run'
import { flatten, toCsv } from '../../src/reports/table'
import { api } from '../support/http'

describe('report CSV', () => {
  it('flattens money to amount plus one currency column and nests with underscores', () => {
    const row = {
      key: 'k',
      paid: money(123, 'CNY'),
      discounts: { coupon: money(5, 'CNY') },
      net: null,
    }
    expect(flatten(row)).toEqual({
      key: 'k',
      paid: 123,
      currency: 'CNY',
      discounts_coupon: 5,
      net: null,
    })
  })

  it('quotes separators and defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv([
      { reason: 'broken, "badly"', note: '=HYPERLINK("x")', n: -5 },
      { reason: '@sum', extra: 'line\nbreak' },
    ])
    expect(csv).toBe(
      'reason,note,n,extra\r\n' +
        '"broken, ""badly""","\'=HYPERLINK(""x"")",-5,\r\n' +
        '\'@sum,,,"line\nbreak"\r\n',
    )
  })
})

describe('report arithmetic', () => {
  it('shares are integer basis points, rounded half up, null over nothing', () => {
    expect(shareBps(1, 3)).toBe(3333)
    expect(shareBps(2, 3)).toBe(6667)
    expect(shareBps(1, 8)).toBe(1250)
    expect(shareBps(1, 0)).toBeNull()
  })

  it('a cron run checks the day before its trigger, leaving ten minutes for webhooks to land', () => {
    const t = Date.UTC(2026, 3, 22, 3, 7)
    expect(cronRange(t)).toEqual({ from: t - 600_000 - 86_400_000, to: t - 600_000 })
  })
})

describe('OpenAPI', () => {
  it('documents every report, the order search and the reconciliation run', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>('GET', '/openapi.json')
    const paths = Object.keys(doc.body.paths)
    for (const name of ['sales', 'top-skus', 'status-funnel', 'after-sales', 'reconciliation']) {
      expect(paths).toContain(`/v1/admin/reports/${name}`)
    }
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/admin/orders', '/v1/admin/reconciliation/run']),
    )
  })
})
