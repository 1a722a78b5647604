import { describe, expect, it } from 'vitest'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { adminToken, day, insertLedger, insertOrder, t0 } from '../support/reports'

const hour = 3_600_000
const cny = (amount: number) => ({ amount, currency: 'CNY' })

interface Row {
  key: string
  currency: string
  orders: number
  units: number
  paid: { amount: number }
  items: { amount: number }
  discounts: Record<string, { amount: number }>
  freight: { amount: number } | null
  refunds: { amount: number } | null
  latePaymentRefunds: { amount: number } | null
  net: { amount: number } | null
}

/** Two paid CNY orders on two days, one USD order, and rows every report must leave out. */
async function seedStore() {
  const storeId = uid('rs')
  const [sku1, sku2, sku3] = [uid('sku'), uid('sku'), uid('sku')]
  const a = await insertOrder({
    storeId,
    status: 'pending_shipment',
    createdAt: t0 + hour,
    paidAt: t0 + 2 * hour,
    freight: 800,
    lines: [
      { sku: sku1, qty: 2, amount: 20000, store: 1000, platform: 500, coupon: 300, points: 200 },
      { sku: sku2, qty: 1, amount: 5000, member: 250 },
    ],
  })
  const b = await insertOrder({
    storeId,
    status: 'completed',
    createdAt: t0 + day + hour,
    paidAt: t0 + day + 3 * hour,
    lines: [{ sku: sku1, qty: 1, amount: 10000, coupon: 1000 }],
  })
  await insertOrder({
    storeId,
    currency: 'USD',
    status: 'pending_shipment',
    createdAt: t0 + hour,
    paidAt: t0 + 3 * hour,
    lines: [{ sku: sku3, qty: 1, amount: 1000 }],
  })
  // Unpaid, a split parent, and one paid after the range: none of them is a sale in it.
  const line = [{ sku: sku1, qty: 1, amount: 777 }]
  await insertOrder({ storeId, status: 'pending_payment', createdAt: t0 + hour, lines: line })
  await insertOrder({ storeId, status: 'split', createdAt: t0, paidAt: t0 + hour, lines: line })
  await insertOrder({
    storeId,
    status: 'completed',
    createdAt: t0,
    paidAt: t0 + 5 * day,
    lines: line,
  })
  await insertLedger({
    orderId: a,
    kind: 'refund',
    ref: uid('re'),
    amount: 4750,
    at: t0 + day + 5 * hour,
  })
  await insertLedger({
    orderId: b,
    kind: 'late_payment',
    ref: uid('pay'),
    amount: 9000,
    at: t0 + day,
  })
  const late = { orderId: b, kind: 'late_payment_refund', ref: uid('re'), amount: 9000 }
  await insertLedger({ ...late, at: t0 + day + 6 * hour })
  await insertLedger({ ...late, ref: uid('re'), status: 'failed', at: t0 + day + 7 * hour })
  return { storeId, sku1, sku2, sku3 }
}

async function report<T>(query: string, accept?: string) {
  const headers = accept ? { Accept: accept } : undefined
  return api<T>('GET', `/v1/admin/reports/${query}`, {
    token: await adminToken(),
    ...(headers ? { headers } : {}),
  })
}

describe('sales report', () => {
  it('groups paid orders by day with every discount layer, freight, refunds and net', async () => {
    const { storeId } = await seedStore()
    const range = `from=2024-03-01&to=2024-03-04&storeId=${storeId}&currency=CNY`
    const res = await report<{ rows: Row[]; totals: Row[] }>(`sales?${range}`)
    expect(res.status).toBe(200)
    expect(res.body.rows.map((r) => r.key)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03'])
    const [first, second, third] = res.body.rows
    expect(first).toMatchObject({ orders: 1, units: 3, paid: cny(23550), items: cny(25000) })
    expect(first?.discounts).toEqual({
      member: cny(250),
      store: cny(1000),
      platform: cny(500),
      coupon: cny(300),
      points: cny(200),
    })
    expect(first).toMatchObject({ freight: cny(800), refunds: cny(0), net: cny(23550) })
    expect(second).toMatchObject({ orders: 1, units: 1, paid: cny(9000), refunds: cny(4750) })
    expect(second).toMatchObject({ latePaymentRefunds: cny(9000), net: cny(4250) })
    expect(third).toMatchObject({ orders: 0, paid: cny(0), net: cny(0) })
    expect(res.body.totals).toEqual([
      expect.objectContaining({
        key: 'total',
        orders: 2,
        units: 4,
        paid: cny(32550),
        net: cny(27800),
      }),
    ])
  })

  it('keeps currencies apart and moves day boundaries with tz', async () => {
    const { storeId } = await seedStore()
    const q = `sales?from=2024-02-29&to=2024-03-02&tz=-180&storeId=${storeId}`
    const res = await report<{ rows: Row[]; totals: Row[] }>(q)
    const keyed = res.body.rows.map((r) => `${r.currency} ${r.key} ${r.orders} ${r.paid.amount}`)
    // Three hours west of UTC, 02:00 UTC on 1 March is still 29 February, 03:00 is midnight of
    // 1 March, and 03:00 on 2 March is already past the end of the range.
    expect(keyed).toEqual([
      'CNY 2024-02-29 1 23550',
      'CNY 2024-03-01 0 0',
      'USD 2024-02-29 0 0',
      'USD 2024-03-01 1 1000',
    ])
    const totals = res.body.totals.map((t) => `${t.currency} ${t.paid.amount}`)
    expect(totals).toEqual(['CNY 23550', 'USD 1000'])
  })

  it('groups by store, and by SKU with line figures and order-level totals', async () => {
    const { storeId, sku1, sku2 } = await seedStore()
    const range = `from=2024-03-01&to=2024-03-04&storeId=${storeId}&currency=CNY`
    const byStore = await report<{ rows: Row[] }>(`sales?groupBy=store&${range}`)
    expect(byStore.body.rows).toEqual([
      expect.objectContaining({ key: storeId, orders: 2, paid: cny(32550), refunds: cny(4750) }),
    ])
    const bySku = await report<{ rows: Row[]; totals: Row[] }>(`sales?groupBy=sku&${range}`)
    const rows = Object.fromEntries(bySku.body.rows.map((r) => [r.key, r]))
    expect(rows[sku1]).toMatchObject({ orders: 2, units: 3, paid: cny(27000), items: cny(30000) })
    expect(rows[sku1]).toMatchObject({ freight: null, refunds: null, net: null })
    expect(rows[sku1]?.discounts.coupon).toEqual(cny(1300))
    expect(rows[sku2]).toMatchObject({ orders: 1, units: 1, paid: cny(4750) })
    expect(bySku.body.totals).toEqual([
      expect.objectContaining({ orders: 2, paid: cny(32550), freight: cny(800), net: cny(27800) }),
    ])
  })

  it('answers CSV with one currency column and amounts in minor units', async () => {
    const { storeId } = await seedStore()
    const q = `sales?groupBy=store&from=2024-03-01&to=2024-03-04&storeId=${storeId}&currency=CNY`
    const res = await report<string>(q, 'text/csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/csv')
    const [header, row] = res.body.trim().split('\r\n')
    expect(header).toBe(
      'key,title,currency,orders,units,paid,items,discounts_member,discounts_store,' +
        'discounts_platform,discounts_coupon,discounts_points,freight,refunds,latePaymentRefunds,net',
    )
    expect(row).toBe(`${storeId},,CNY,2,4,32550,35000,250,1000,500,1300,200,800,4750,9000,27800`)
  })
})

describe('sales by day', () => {
  it('puts orders paid on the same day in one row, whatever the offset', async () => {
    const storeId = uid('rd')
    const line = [{ sku: uid('sku'), qty: 1, amount: 1000 }]
    for (const at of [t0 + 60_000, t0 + 7 * hour, t0 + day - 1]) {
      await insertOrder({ storeId, status: 'completed', createdAt: at, paidAt: at, lines: line })
    }
    for (const tz of [0, 480]) {
      const res = await report<{ rows: Row[] }>(
        `sales?from=2024-03-01&to=2024-03-02&tz=0&storeId=${storeId}`.replace('tz=0', `tz=${tz}`),
      )
      const busy = res.body.rows.filter((r) => r.orders > 0).map((r) => [r.key, r.orders])
      expect(busy).toEqual(tz === 0 ? [['2024-03-01', 3]] : [['2024-03-01', 2]])
    }
  })
})

describe('top-skus report', () => {
  it('ranks SKUs by paid amount or units per currency', async () => {
    const { storeId, sku1, sku2 } = await seedStore()
    const range = `from=2024-03-01&to=2024-03-04&storeId=${storeId}&currency=CNY`
    type Top = { rows: { rank: number; skuId: string; units: number; paid: { amount: number } }[] }
    const byAmount = await report<Top>(`top-skus?${range}`)
    expect(byAmount.body.rows.map((r) => [r.rank, r.skuId, r.paid.amount])).toEqual([
      [1, sku1, 27000],
      [2, sku2, 4750],
    ])
    const top1 = await report<Top>(`top-skus?by=units&limit=1&${range}`)
    expect(top1.body.rows.map((r) => [r.skuId, r.units])).toEqual([[sku1, 3]])
  })
})

describe('report refusals', () => {
  it('names the bad field with 400, refuses non-admins, and 404s an unknown report', async () => {
    const bad = async (q: string) => (await report<{ error: { message: string } }>(q)).body.error
    expect((await bad('sales?from=2024-03-02&to=2024-03-01')).message).toBe(
      'query to: must be after from',
    )
    expect((await bad('sales?from=2023-01-01&to=2024-03-01')).message).toContain('query from:')
    expect((await bad('sales?groupBy=week')).message).toContain('query groupBy')
    expect((await bad('sales?from=2024-13-01')).message).toContain('query from')
    expect((await bad('top-skus?limit=0')).message).toContain('query limit')
    expect((await bad('sales?tz=2000')).message).toContain('query tz')
    const buyer = await api('GET', '/v1/admin/reports/sales', { token: await token('buyer', 'b') })
    expect(buyer.status).toBe(403)
    expect((await api('GET', '/v1/admin/reports/sales')).status).toBe(401)
    expect((await report('nope')).status).toBe(404)
  })
})
