import { createExecutionContext, env, getQueueResult } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sandboxWms } from '../src/adapters/sandbox-wms'
import { handleOrderEvents } from '../src/queues/order-events'
import { receiptOf } from '../src/queues/queue-receipts'
import { wmsOrderOf } from '../src/queues/wms-order-of'
import { orderLine, receivedOrder } from './after-sale-helpers'
import { ReverseModel } from './order-reverse-model'
import { batchOf, paidEvent } from './queue-helpers'
import { wmsOrder } from './wms-helpers'

/** A paid order, its stand-in actor, and the queue consumer delivering its `order.paid`. */
function paidOrder() {
  const order = wmsOrder()
  const wms = sandboxWms(env.DB)
  const actor = new ReverseModel(order, wms)
  const event = paidEvent(order)
  const deliver = async () => {
    const batch = batchOf([event])
    const ctx = createExecutionContext()
    await handleOrderEvents(batch, env, { gate: actor })
    return getQueueResult(batch, ctx)
  }
  return { order, wms, actor, event, deliver }
}

describe('cancelling a paid order at each warehouse state', () => {
  it('not yet pushed: cancels on the spot, and the queued push then stays out of the warehouse', async () => {
    const { order, wms, actor, event, deliver } = paidOrder()
    expect(await actor.cancel()).toEqual({ ok: true })
    expect(actor.status).toBe('cancelled')
    await deliver()
    expect(await wms.status(order.orderId)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await receiptOf(env.DB, event.eventId)).toMatchObject({ outcome: 'not_in_warehouse' })
  })

  it('pushed or picking: the WMS intercepts and the order cancels', async () => {
    for (const picked of [false, true]) {
      const { order, wms, actor, deliver } = paidOrder()
      await deliver()
      expect(actor.fulfilment).toBe('pushed')
      if (picked) {
        await wms.advance(order.orderId, 'picking')
        actor.report('pick')
      }
      expect(await actor.cancel()).toEqual({ ok: true })
      expect([actor.status, actor.fulfilment]).toEqual(['cancelled', 'intercepted'])
      expect(await wms.status(order.orderId)).toMatchObject({ state: 'intercepted' })
    }
  })

  it('outbound: refused with INTERCEPT_FAILED, and the order goes on', async () => {
    const { order, wms, actor, deliver } = paidOrder()
    await deliver()
    await wms.advance(order.orderId, 'outbound')
    actor.report('outbound')
    expect(await actor.cancel()).toEqual({ ok: false, code: 'INTERCEPT_FAILED' })
    expect(actor.status).toBe('pending_shipment')
  })

  it('outbound before the order heard of it: the WMS refuses and the order learns it left', async () => {
    const { order, wms, actor, deliver } = paidOrder()
    await deliver()
    await wms.advance(order.orderId, 'outbound')
    expect(await actor.cancel()).toEqual({ ok: false, code: 'INTERCEPT_FAILED' })
    expect([actor.status, actor.fulfilment]).toEqual(['pending_shipment', 'outbound'])
  })

  it('a cancel racing the push: cancelled at once, and the push that lands later is withdrawn', async () => {
    const { order, wms, actor, event, deliver } = paidOrder()
    actor.onFirstClaim = () => actor.cancel()
    expect((await deliver()).explicitAcks).toHaveLength(1)
    expect(actor.status).toBe('cancelled')
    expect(await wms.status(order.orderId)).toMatchObject({ state: 'intercepted' })
    expect(await receiptOf(env.DB, event.eventId)).toMatchObject({ outcome: 'withdrawn' })
  })
})

describe('the order as the warehouse sees it', () => {
  it('names each line’s SKU, quantity and chosen warehouse, and the address', () => {
    const order = receivedOrder([orderLine(1, 2, 100), orderLine(2, 1, 50)], {
      stock: [1, 2].map((lineNo) => ({
        lineNo,
        skuId: `sku-${lineNo}`,
        qty: 1,
        policy: 'on_place' as const,
        perBuyerLimit: null,
        warehouseId: `wh-${lineNo}`,
        buckets: 1,
        allocations: [],
      })),
    })
    expect(wmsOrderOf(order)).toEqual({
      orderId: 'order-1',
      version: 5,
      storeId: 'store-a',
      lines: [
        { lineNo: 1, skuId: 'sku-1', qty: 2, warehouseId: 'wh-1' },
        { lineNo: 2, skuId: 'sku-2', qty: 1, warehouseId: 'wh-2' },
      ],
      address: order.address,
    })
  })
})
