import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createOrderStore } from '../../durable-objects/order/store'
import { historyStatements } from '../../src/store/history-writer'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { orderActor, placeOrder, settle } from '../support/orders'

async function d1Events(orderId: string) {
  const { results } = await env.DB.prepare(
    'SELECT seq, action, from_status, to_status, actor_role, actor_id, payload, at FROM order_events WHERE order_id = ? ORDER BY seq',
  )
    .bind(orderId)
    .all()
  return results
}

async function actorEvents(orderId: string) {
  const h = await orderActor(orderId).history({ role: 'admin', id: 'auditor' })
  if (!h.ok) throw new Error(`history of ${orderId} refused`)
  return h.events.map((e) => ({
    seq: e.seq,
    action: e.action,
    from_status: e.from,
    to_status: e.to,
    actor_role: e.actorRole,
    actor_id: e.actorId,
    payload: e.payload,
    at: e.at,
  }))
}

async function walk(orderId: string, buyer: string, storeId: string) {
  await api('POST', `/v1/orders/${orderId}/pay`, { token: await token('buyer', buyer) })
  await api('POST', `/v1/merchant/orders/${orderId}/ship`, {
    token: await token('merchant', 'm', storeId),
    body: { carrier: 'SF', trackingNumber: 'T' },
  })
  await api('POST', `/v1/orders/${orderId}/confirm-receipt`, { token: await token('buyer', buyer) })
}

describe('history in D1', () => {
  it("equals the actor's event log, and the order row matches its snapshot", async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 2500 })
    const buyer = uid('buyer')
    const { body } = await placeOrder(buyer, [{ skuId: sku, qty: 2 }])
    await walk(body.id, buyer, storeId)
    await settle(body.id)
    expect(await d1Events(body.id)).toEqual(await actorEvents(body.id))
    const row = await env.DB.prepare(
      'SELECT status, user_id, store_id, payable_amount, paid_amount, version FROM orders WHERE id = ?',
    )
      .bind(body.id)
      .first()
    expect(row).toEqual({
      status: 'completed',
      user_id: buyer,
      store_id: storeId,
      payable_amount: 5000,
      paid_amount: 5000,
      version: 4,
    })
    const lines = await env.DB.prepare(
      'SELECT line_no, sku_id, qty, final_amount FROM order_lines WHERE order_id = ?',
    )
      .bind(body.id)
      .all()
    expect(lines.results).toEqual([{ line_no: 1, sku_id: sku, qty: 2, final_amount: 5000 }])
  })

  it('keeps orders working while D1 is down and delivers the history complete once it is back', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 700 })
    const buyer = uid('buyer')
    const { body } = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    await settle(body.id)
    // Take the history table away: every D1 batch that touches it now fails.
    await env.DB.exec('ALTER TABLE order_events RENAME TO order_events_offline')
    try {
      await walk(body.id, buyer, storeId)
      const stub = orderActor(body.id)
      expect(await stub.flushOutbox()).toEqual({ flushed: 0, pending: 3 })
      const order = await stub.read({ role: 'admin', id: 'a' })
      expect(order.ok && order.order.status).toBe('completed')
    } finally {
      await env.DB.exec('ALTER TABLE order_events_offline RENAME TO order_events')
    }
    const stub = orderActor(body.id)
    // The retry is the alarm's: move the backoff to now and let it run.
    await runInDurableObject(stub, (_i, state) => {
      createOrderStore(state.storage.sql).state.changeMeta(() => ({
        historyRetryAt: Date.now() - 1,
      }))
    })
    await runInDurableObject(stub, async (_i, state) => state.storage.setAlarm(Date.now() + 60_000))
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    expect(await stub.flushOutbox()).toEqual({ flushed: 0, pending: 0 })
    const events = await d1Events(body.id)
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(events).toEqual(await actorEvents(body.id))
    const row = await env.DB.prepare('SELECT status, version FROM orders WHERE id = ?')
      .bind(body.id)
      .first()
    expect(row).toEqual({ status: 'completed', version: 4 })
  })

  it('writes nothing twice when the same outbox rows are delivered again', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 700 })
    const { body } = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    await settle(body.id)
    // Deliver again what a restarted actor would, had the acknowledgement been lost.
    const again = await runInDurableObject(orderActor(body.id), (_i, state) =>
      createOrderStore(state.storage.sql).outbox.pending(50),
    )
    expect(again.map((r) => r.id)).toEqual([1])
    await env.DB.batch(
      historyStatements(
        env.DB,
        again.map((r) => r.payload),
      ),
    )
    const count = await env.DB.prepare(
      'SELECT (SELECT count(*) FROM order_events WHERE order_id = ?1) AS events, (SELECT count(*) FROM order_lines WHERE order_id = ?1) AS lines',
    )
      .bind(body.id)
      .first()
    expect(count).toEqual({ events: 1, lines: 1 })
  })

  it('delivers the history of orders placed at the same moment, each acknowledged by its own actor', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 900, stock: 20 })
    const placed = await Promise.all(
      Array.from({ length: 8 }, () => placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])),
    )
    const ids = placed.map((p) => p.body.id)
    const d1Placements = async () => {
      const { results } = await env.DB.prepare(
        `SELECT order_id, seq, action FROM order_events WHERE order_id IN (${ids.map(() => '?').join(', ')}) ORDER BY order_id`,
      )
        .bind(...ids)
        .all()
      return results
    }
    // No settle(): the flushes the actors run after placing must deliver on their own.
    for (let i = 0; i < 100 && (await d1Placements()).length < ids.length; i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(await d1Placements()).toEqual(
      [...ids].sort().map((id) => ({ order_id: id, seq: 1, action: 'place' })),
    )
    // Each actor took its delivery as acknowledged: a flush now finds nothing left to send.
    const again = await Promise.all(ids.map((id) => orderActor(id).flushOutbox()))
    expect(again).toEqual(ids.map(() => ({ flushed: 0, pending: 0 })))
  })
})
