import { describe, expect, it } from 'vitest'
import {
  type AfterSale,
  afterSalesOf,
  buyerToken,
  merchantStep,
  merchantToken,
  openAfterSale,
  shippedOrder,
} from '../support/after-sales'
import { createStore } from '../support/catalog'
import { api, token } from '../support/http'

type Issues = { issues: { field: string }[] }
const firstField = (res: { body: AfterSale }) =>
  (res.body.error?.details as Issues | undefined)?.issues[0]?.field

describe('after-sale requests that cannot be taken', () => {
  it('answers 400 naming the line for bad lines, whether zod or the order refuses them', async () => {
    const { buyer, id } = await shippedOrder([1200], 2)
    const cases: [unknown, string][] = [
      [[{ lineNo: 9, qty: 1 }], 'lines.0.lineNo'],
      [
        [
          { lineNo: 1, qty: 1 },
          { lineNo: 1, qty: 1 },
        ],
        'lines.1.lineNo',
      ],
      [[{ lineNo: 1, qty: 0 }], 'lines.0.qty'],
      [[], 'lines'],
    ]
    for (const [lines, field] of cases) {
      const res = await api<AfterSale>('POST', `/v1/orders/${id}/after-sales`, {
        token: await buyerToken(buyer),
        body: { type: 'refund_only', lines, reason: 'broken' },
      })
      expect(res.status).toBe(400)
      expect(res.body.error?.code).toBe('VALIDATION_FAILED')
      expect(firstField(res)).toBe(field)
    }
    const extra = await api<AfterSale>('POST', `/v1/orders/${id}/after-sales`, {
      token: await buyerToken(buyer),
      body: { type: 'refund_only', lines: [{ lineNo: 1, qty: 1 }], reason: 'x', coupon: true },
    })
    expect(extra.status).toBe(400)
    const tooMany = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 3 }])
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error?.details).toMatchObject({ reason: 'QUANTITY_EXCEEDS_REMAINING' })
    expect(await afterSalesOf(id)).toEqual([])
  })

  it('refuses an action the state does not allow with 409 naming the state and the action', async () => {
    const { buyer, id, storeId } = await shippedOrder([1200], 1)
    const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    const early = await merchantStep(id, storeId, opened.body.id, 'receive')
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { state: 'pending_review', action: 'receive_return' },
    })
    const exchange = await merchantStep(id, storeId, opened.body.id, 'send-exchange')
    expect(exchange.status).toBe(409)
  })

  it('keeps after-sales to the order’s buyer and its store’s merchant', async () => {
    const { buyer, id, storeId } = await shippedOrder([1200], 1)
    const stranger = await api<AfterSale>('POST', `/v1/orders/${id}/after-sales`, {
      token: await buyerToken('someone-else'),
      body: { type: 'refund_only', lines: [{ lineNo: 1, qty: 1 }], reason: 'mine?' },
    })
    expect(stranger.status).toBe(404)
    const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    const otherStore = await api<AfterSale>(
      'POST',
      `/v1/merchant/orders/${id}/after-sales/${opened.body.id}/approve`,
      { token: await merchantToken(await createStore()) },
    )
    expect(otherStore.status).toBe(404)
    const buyerApproves = await api<AfterSale>(
      'POST',
      `/v1/merchant/orders/${id}/after-sales/${opened.body.id}/approve`,
      { token: await buyerToken(buyer) },
    )
    expect(buyerApproves.status).toBe(403)
    const unknown = await merchantStep(id, storeId, 'as_nope', 'approve')
    expect(unknown.status).toBe(404)
    const list = await api<{ items: AfterSale[] }>('GET', `/v1/orders/${id}/after-sales`, {
      token: await merchantToken(storeId),
    })
    expect(list.body.items.map((a) => a.status)).toEqual(['pending_review'])
    const warehouse = await api('GET', `/v1/orders/${id}/after-sales`, {
      token: await token('warehouse', 'w'),
    })
    expect(warehouse.status).toBe(403)
  })

  it('rejects with a reason, which frees the units for a new request', async () => {
    const { buyer, id, storeId } = await shippedOrder([1200], 1)
    const opened = await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 1, qty: 1 }])
    const noReason = await merchantStep(id, storeId, opened.body.id, 'reject', {})
    expect(noReason.status).toBe(400)
    const rejected = await merchantStep(id, storeId, opened.body.id, 'reject', {
      reason: 'worn after use',
    })
    expect(rejected.status).toBe(200)
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'worn after use' })
    const again = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(again.status).toBe(201)
  })
})

describe('after-sales in the OpenAPI document', () => {
  it('declares every after-sale route with its error answers', async () => {
    const doc = await api<{ paths: Record<string, Record<string, { responses: object }>> }>(
      'GET',
      '/openapi.json',
    )
    const paths = Object.keys(doc.body.paths).filter((p) => p.includes('{id}/after-sales'))
    expect(paths.sort()).toEqual([
      '/v1/merchant/orders/{id}/after-sales',
      '/v1/merchant/orders/{id}/after-sales/{asId}/approve',
      '/v1/merchant/orders/{id}/after-sales/{asId}/receive',
      '/v1/merchant/orders/{id}/after-sales/{asId}/reject',
      '/v1/merchant/orders/{id}/after-sales/{asId}/send-exchange',
      '/v1/merchant/orders/{id}/after-sales/{asId}/send-repaired',
      '/v1/orders/{id}/after-sales',
      '/v1/orders/{id}/after-sales/{asId}/ship-back',
    ])
    const open = doc.body.paths['/v1/orders/{id}/after-sales']?.post?.responses
    expect(Object.keys(open ?? {})).toEqual(['201', '400', '401', '403', '404', '409', '422'])
    const started = doc.body.paths['/v1/merchant/orders/{id}/after-sales']?.post?.responses
    expect(Object.keys(started ?? {})).toEqual(['201', '400', '401', '403', '404', '409', '422'])
  })
})
