import { createExecutionContext, env, getQueueResult } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sandboxWms } from '../../src/adapters/sandbox-wms'
import { type OrderEventMessage, queueEventFor } from '../../src/domain/order-events'
import {
  handleOrderEvents,
  type OrderEventDeps,
  retryDelaySeconds,
} from '../../src/queues/order-events'
import { receiptOf } from '../../src/queues/queue-receipts'
import {
  batchOf,
  countingWms,
  eventOf,
  paidEvent,
  scriptedGate,
  withDelaysNoted,
} from '../support/queue'
import { shanghai, wmsOrder } from '../support/wms'

async function run(batch: MessageBatch<OrderEventMessage>, deps: Partial<OrderEventDeps> = {}) {
  const ctx = createExecutionContext()
  await handleOrderEvents(batch, env, deps)
  return getQueueResult(batch, ctx)
}

const ids = (batch: ReturnType<typeof batchOf>) => batch.messages.map((m) => m.id)

describe('order-events consumer', () => {
  it('pushes a paid order to the WMS, writes the receipt and acks', async () => {
    const order = wmsOrder()
    const event = paidEvent(order)
    const batch = batchOf([event])
    const result = await run(batch)
    expect(result).toMatchObject({ explicitAcks: ids(batch), retryMessages: [] })
    expect(await sandboxWms(env.DB).status(order.orderId)).toMatchObject({
      state: 'pushed',
      version: 3,
    })
    expect(await receiptOf(env.DB, event.eventId)).toMatchObject({
      outcome: 'pushed',
      type: 'order.paid',
    })
  })

  it('acts on an event id once, across batches and within one', async () => {
    const { wms, calls } = countingWms()
    const event = paidEvent(wmsOrder())
    const first = batchOf([event, event])
    expect((await run(first, { wms })).explicitAcks).toEqual(ids(first))
    const again = batchOf([event], 2)
    expect((await run(again, { wms })).explicitAcks).toEqual(ids(again))
    expect(calls.push).toBe(1)
  })

  it('retries a message whose WMS call fails, with backoff, and acks the rest of the batch', async () => {
    const down = wmsOrder()
    const up = wmsOrder()
    const { wms } = countingWms(new Set([down.orderId]))
    const batch = batchOf([paidEvent(down), paidEvent(up)], 3)
    const { spied, delays } = withDelaysNoted(batch)
    const ctx = createExecutionContext()
    await handleOrderEvents(spied, env, { wms })
    const result = await getQueueResult(batch, ctx)
    const [downId, upId] = ids(batch)
    expect(result.retryMessages.map((r: { msgId: string }) => r.msgId)).toEqual([downId])
    expect(downId && delays[downId]).toBe(40)
    expect(result.explicitAcks).toEqual([upId])
    expect(await sandboxWms(env.DB).status(down.orderId)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect([1, 2, 7, 99].map(retryDelaySeconds)).toEqual([10, 20, 600, 600])
  })

  it('retries a body it cannot read, so it ends in the dead-letter queue', async () => {
    const batch = batchOf([{ eventId: 'x', type: 'order.paid' }, paidEvent(wmsOrder())])
    const result = await run(batch)
    const [bad, good] = ids(batch)
    expect(result.retryMessages.map((r: { msgId: string }) => r.msgId)).toEqual([bad])
    expect(result.explicitAcks).toEqual([good])
  })

  it('withdraws a push when the order was cancelled while it was being pushed', async () => {
    const order = wmsOrder()
    const gate = scriptedGate([
      { kind: 'push', order },
      { kind: 'withdraw', reason: 'cancelled' },
    ])
    const event = paidEvent(order)
    await run(batchOf([event]), { gate })
    expect(await sandboxWms(env.DB).status(order.orderId)).toMatchObject({ state: 'intercepted' })
    expect(await receiptOf(env.DB, event.eventId)).toMatchObject({ outcome: 'withdrawn' })
  })

  it('does not push an order already cancelled, and pushes the newer address seen after a push', async () => {
    const { wms, calls } = countingWms()
    const cancelled = wmsOrder()
    const stop = scriptedGate([{ kind: 'withdraw', reason: 'cancelled' }])
    const event = paidEvent(cancelled)
    await run(batchOf([event]), { wms, gate: stop })
    expect(calls.push).toBe(0)
    expect(await receiptOf(env.DB, event.eventId)).toMatchObject({ outcome: 'not_in_warehouse' })
    const order = wmsOrder()
    const moved = { ...order, version: 4, address: { ...shanghai, line1: '2 Nanjing Rd' } }
    const gate = scriptedGate([
      { kind: 'push', order },
      { kind: 'push', order: moved },
    ])
    await run(batchOf([paidEvent(order)]), { gate })
    expect(await sandboxWms(env.DB).status(order.orderId)).toMatchObject({ version: 4 })
    expect(gate.asked).toBe(3)
  })

  it('gives a message back when the order keeps changing under the push', async () => {
    const order = wmsOrder()
    const versions = [3, 4, 5, 6, 7].map((version) => ({
      kind: 'push' as const,
      order: { ...order, version },
    }))
    const batch = batchOf([paidEvent(order)])
    const result = await run(batch, { gate: scriptedGate(versions) })
    expect(result.retryMessages).toHaveLength(1)
  })

  it('pushes a changed address over the paid one, by version', async () => {
    const order = wmsOrder()
    await run(batchOf([paidEvent(order)]))
    const moved = { ...order, version: 6, address: { ...shanghai, line1: '9 Huaihai Rd' } }
    const change = {
      eventId: `${order.orderId}:6`,
      orderId: order.orderId,
      type: 'order.address_changed' as const,
      at: 1,
      order: moved,
    }
    await run(batchOf([change]))
    expect(await sandboxWms(env.DB).status(order.orderId)).toMatchObject({
      state: 'pushed',
      version: 6,
    })
  })

  it('withdraws a cancelled order from the warehouse, and records one that had already left', async () => {
    const wms = sandboxWms(env.DB)
    const held = wmsOrder()
    const gone = wmsOrder()
    for (const o of [held, gone]) await wms.push(o)
    await wms.advance(gone.orderId, 'outbound')
    const events = [
      eventOf('order.cancelled', held.orderId),
      eventOf('order.cancelled', gone.orderId),
      eventOf('order.closed', held.orderId),
    ]
    const batch = batchOf(events)
    expect((await run(batch)).explicitAcks).toEqual(ids(batch))
    expect(await wms.status(held.orderId)).toMatchObject({ state: 'intercepted' })
    const outcomes = await Promise.all(events.map((e) => receiptOf(env.DB, e.eventId)))
    expect(outcomes.map((r) => r?.outcome)).toEqual(['withdrawn', 'outbound_after_cancel', 'noted'])
  })

  it('hears of payments that leave an order to ship, cancellations after payment and closes', () => {
    expect(queueEventFor('pay', 'pending_shipment')).toBe('order.paid')
    expect(queueEventFor('pay_balance', 'pending_shipment')).toBe('order.paid')
    expect(queueEventFor('pay', 'completed')).toBeNull()
    expect(queueEventFor('pay_deposit', 'pending_balance')).toBeNull()
    expect(queueEventFor('intercept_succeeded', 'cancelled')).toBe('order.cancelled')
    expect(queueEventFor('cancel', 'cancelled')).toBeNull()
    expect(queueEventFor('close', 'closed')).toBe('order.closed')
  })
})
