import { describe, expect, it } from 'vitest'
import {
  afterSalesOf,
  eventsOf,
  ledgerOf,
  merchantStep,
  openAfterSale,
  receive,
  shipBack,
  shippedOrder,
} from '../support/after-sales'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, placeOrder, timersOf } from '../support/orders'

const reviewKey = (asId: string) => `after_sale:as:${asId}:merchant_review`
const returnKey = (asId: string) => `after_sale:as:${asId}:return_ship_deadline`

describe('after-sale timers', () => {
  it('approves a request the merchant left unanswered for 48 hours, and refunds it', async () => {
    const { buyer, id } = await shippedOrder([3300], 1)
    const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    const timer = (await timersOf(id)).find((t) => t.kind === reviewKey(opened.body.id))
    expect(timer?.due_at).toBeGreaterThanOrEqual(Date.now() + 48 * 3600_000 - 60_000)
    expect(timer?.due_at).toBeLessThanOrEqual(Date.now() + 48 * 3600_000)

    expect(await elapse(id, [reviewKey(opened.body.id)])).toBe(true)
    expect(await ledgerOf(id)).toEqual([
      ['payment', 3300],
      ['refund', 3300],
    ])
    expect((await afterSalesOf(id))[0]?.status).toBe('succeeded')
    expect(await eventsOf(id)).toContain('after_sale.auto_approve')
    expect((await timersOf(id)).map((t) => t.kind)).not.toContain(reviewKey(opened.body.id))
  })

  it('closes a return the buyer never sent back within 7 days; no money moves', async () => {
    const { buyer, id, storeId } = await shippedOrder([3300], 1)
    const opened = await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 1, qty: 1 }])
    await merchantStep(id, storeId, opened.body.id, 'approve')
    const kinds = (await timersOf(id)).map((t) => t.kind)
    expect(kinds).toContain(returnKey(opened.body.id))
    expect(kinds).not.toContain(reviewKey(opened.body.id))

    await elapse(id, [returnKey(opened.body.id)])
    const [closed] = await afterSalesOf(id)
    expect(closed?.status).toBe('closed')
    expect(await ledgerOf(id)).toEqual([['payment', 3300]])
    // The units are free again: the buyer may ask once more.
    const again = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(again.status).toBe(201)
  })

  it('spends the return deadline once the goods are on their way back', async () => {
    const { buyer, id, storeId } = await shippedOrder([3300], 1)
    const opened = await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 1, qty: 1 }])
    await merchantStep(id, storeId, opened.body.id, 'approve')
    await shipBack(id, buyer, opened.body.id)
    await elapse(id, [returnKey(opened.body.id)])
    expect((await afterSalesOf(id))[0]?.status).toBe('pending_return')
    expect((await timersOf(id)).map((t) => t.kind)).not.toContain(returnKey(opened.body.id))
    const received = await merchantStep(id, storeId, opened.body.id, 'receive')
    expect(received.body.status).toBe('pending_refund')
  })

  it('refuses an after-sale once the window after receipt has closed (422)', async () => {
    const { buyer, id } = await shippedOrder([3300], 1)
    await receive(id, buyer)
    await elapse(id, ['after_sale_window'])
    const late = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(late.status).toBe(422)
    expect(late.body.error?.code).toBe('AFTER_SALE_WINDOW_CLOSED')
  })

  it('refuses an after-sale of an order not shipped yet: it is cancelled instead (422)', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 900 })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    await api('POST', `/v1/orders/${placed.body.id}/pay`, { token: await token('buyer', buyer) })
    const early = await openAfterSale(placed.body.id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(early.status).toBe(422)
    expect(early.body.error).toMatchObject({
      code: 'BUSINESS_RULE',
      details: { reason: 'AFTER_SALE_NOT_ALLOWED' },
    })
  })
})
