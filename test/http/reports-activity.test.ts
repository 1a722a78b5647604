import { describe, expect, it } from 'vitest'
import { api } from '../support/http'
import { uid } from '../support/ids'
import { adminToken, day, insertAfterSale, insertOrder, t0 } from '../support/reports'

const min = 60_000
const line = [{ sku: 'sku-funnel', qty: 1, amount: 1000 }]

async function get<T>(path: string, accept?: string) {
  return api<T>('GET', path, {
    token: await adminToken(),
    ...(accept ? { headers: { Accept: accept } } : {}),
  })
}

interface Funnel {
  types: {
    type: string
    placed: number
    statuses: { status: string; orders: number }[]
    steps: { from: string; to: string; orders: number; medianMs: number }[]
  }[]
}

describe('status-funnel report', () => {
  it('counts statuses reached and the median time of each step, per order type', async () => {
    const storeId = uid('fs')
    const order = (
      status: string,
      createdAt: number,
      events: [string, number][],
      type = 'physical',
    ) => insertOrder({ storeId, type, status, createdAt, lines: line, events })
    await order('completed', t0, [
      ['pending_payment', t0],
      ['pending_shipment', t0 + 10 * min],
      ['pending_receipt', t0 + 70 * min],
      ['completed', t0 + day + 70 * min],
    ])
    const t1 = t0 + 60 * min
    // The note at +10 min keeps the status: the step still counts from placement (30 min).
    await order('pending_receipt', t1, [
      ['pending_payment', t1],
      ['pending_payment', t1 + 10 * min],
      ['pending_shipment', t1 + 30 * min],
      ['pending_receipt', t1 + 150 * min],
    ])
    const t2 = t0 + 120 * min
    await order('cancelled', t2, [
      ['pending_payment', t2],
      ['cancelled', t2 + 30 * min],
    ])
    await order(
      'completed',
      t0,
      [
        ['pending_payment', t0],
        ['completed', t0 + 5 * min],
      ],
      'virtual',
    )
    await order('split', t0, [
      ['pending_payment', t0],
      ['split', t0 + 1],
    ])
    await order('pending_payment', t0 + 3 * day, [['pending_payment', t0 + 3 * day]])

    const res = await get<Funnel>(
      `/v1/admin/reports/status-funnel?from=2024-03-01&to=2024-03-02&storeId=${storeId}`,
    )
    expect(res.status).toBe(200)
    const [physical, virtual] = res.body.types
    expect(physical?.type).toBe('physical')
    expect(physical?.placed).toBe(3)
    expect(physical?.statuses).toEqual([
      { status: 'pending_payment', orders: 3 },
      { status: 'pending_shipment', orders: 2 },
      { status: 'pending_receipt', orders: 2 },
      { status: 'completed', orders: 1 },
      { status: 'cancelled', orders: 1 },
    ])
    expect(physical?.steps).toEqual([
      { from: 'pending_payment', to: 'pending_shipment', orders: 2, medianMs: 20 * min },
      { from: 'pending_payment', to: 'cancelled', orders: 1, medianMs: 30 * min },
      { from: 'pending_shipment', to: 'pending_receipt', orders: 2, medianMs: 90 * min },
      { from: 'pending_receipt', to: 'completed', orders: 1, medianMs: day },
    ])
    expect(virtual).toEqual({
      type: 'virtual',
      placed: 1,
      statuses: [
        { status: 'pending_payment', orders: 1 },
        { status: 'completed', orders: 1 },
      ],
      steps: [{ from: 'pending_payment', to: 'completed', orders: 1, medianMs: 5 * min }],
    })
    const physicalOnly = await get<Funnel>(
      `/v1/admin/reports/status-funnel?type=physical&from=2024-03-01&to=2024-03-02&storeId=${storeId}`,
    )
    expect(physicalOnly.body.types.map((t) => t.type)).toEqual(['physical'])
    const csv = await get<string>(
      `/v1/admin/reports/status-funnel?from=2024-03-01&to=2024-03-02&storeId=${storeId}`,
      'text/csv',
    )
    expect(csv.body.split('\r\n')[1]).toBe(
      `physical,pending_payment,3,pending_shipment:2:${20 * min} cancelled:1:${30 * min}`,
    )
  })
})

interface AfterSales {
  rows: Record<string, unknown>[]
}

describe('after-sales report', () => {
  it('gives counts, rates against paid orders and amounts by type, reason and store', async () => {
    const storeId = uid('as')
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      ids.push(
        await insertOrder({
          storeId,
          status: 'completed',
          createdAt: t0,
          paidAt: t0 + i,
          lines: line,
        }),
      )
    }
    const orderId = ids[0] ?? ''
    const seed = { storeId, orderId, at: t0 + 60 * min }
    await insertAfterSale({
      ...seed,
      type: 'refund_only',
      reason: 'damaged',
      status: 'succeeded',
      refund: 1000,
    })
    await insertAfterSale({
      ...seed,
      type: 'refund_only',
      reason: 'damaged',
      status: 'rejected',
      refund: 500,
    })
    await insertAfterSale({
      ...seed,
      type: 'return_refund',
      reason: 'wrong_size',
      status: 'succeeded',
      refund: 3000,
    })
    await insertAfterSale({
      ...seed,
      type: 'exchange',
      reason: 'wrong_size',
      status: 'pending_review',
      refund: 0,
    })
    await insertAfterSale({
      ...seed,
      type: 'exchange',
      reason: 'late',
      status: 'succeeded',
      refund: 0,
      at: t0 + 9 * day,
    })

    const range = `from=2024-03-01&to=2024-03-02&storeId=${storeId}`
    const byType = await get<AfterSales>(`/v1/admin/reports/after-sales?${range}`)
    expect(byType.body.rows).toEqual([
      {
        key: 'refund_only',
        currency: 'CNY',
        count: 2,
        succeeded: 1,
        rejected: 1,
        open: 0,
        ordersInAfterSale: 0,
        paidOrders: 4,
        rateBps: 5000,
        succeededBps: 5000,
        rejectedBps: 5000,
        refunded: { amount: 1000, currency: 'CNY' },
        requested: { amount: 1500, currency: 'CNY' },
      },
      expect.objectContaining({
        key: 'exchange',
        count: 1,
        open: 1,
        ordersInAfterSale: 1,
        rateBps: 2500,
        succeededBps: 0,
      }),
      expect.objectContaining({ key: 'return_refund', count: 1, succeededBps: 10000 }),
    ])
    const byReason = await get<AfterSales>(`/v1/admin/reports/after-sales?groupBy=reason&${range}`)
    expect(byReason.body.rows.map((r) => [r.key, r.count, r.open, r.refunded])).toEqual([
      ['damaged', 2, 0, { amount: 1000, currency: 'CNY' }],
      ['wrong_size', 2, 1, { amount: 3000, currency: 'CNY' }],
    ])
    const byStore = await get<AfterSales>(`/v1/admin/reports/after-sales?groupBy=store&${range}`)
    expect(byStore.body.rows).toEqual([
      expect.objectContaining({ key: storeId, count: 4, paidOrders: 4, rateBps: 10000 }),
    ])
  })
})
