import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createOrderStore } from '../../durable-objects/order/store'
import { createSku, createStore } from '../support/catalog'
import { uid } from '../support/ids'
import { orderActor, placeOrder, settle } from '../support/orders'

// The layout of builds before the two-table store: a table per concern and a migration table.
const legacySchema = [
  'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)',
  `CREATE TABLE order_doc (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), doc TEXT NOT NULL,
    request_hash TEXT NOT NULL)`,
  `CREATE TABLE events (seq INTEGER PRIMARY KEY, action TEXT NOT NULL, from_status TEXT,
    to_status TEXT NOT NULL, actor_role TEXT NOT NULL, actor_id TEXT NOT NULL,
    payload TEXT NOT NULL, at INTEGER NOT NULL)`,
  'CREATE TABLE timers (kind TEXT PRIMARY KEY, due_at INTEGER NOT NULL, action TEXT NOT NULL)',
  `CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL)`,
  'CREATE TABLE placement (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), plan TEXT NOT NULL)',
  `CREATE TABLE effects (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL)`,
  `CREATE TABLE payment_events (event_id TEXT PRIMARY KEY, type TEXT NOT NULL,
    outcome TEXT NOT NULL, at INTEGER NOT NULL)`,
  'INSERT INTO schema_migrations (version) VALUES (1), (2), (3)',
]

describe('order actor storage layout', () => {
  it('moves an actor of the older layout to the current one, undelivered history included', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 900 })
    const { body } = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    await settle(body.id)
    const source = await runInDurableObject(orderActor(body.id), (_i, state) => {
      const store = createOrderStore(state.storage.sql)
      return { doc: store.load(), events: store.events(), timers: store.timers.all() }
    })
    const legacyId = uid('ord')
    const stub = orderActor(legacyId)
    await runInDurableObject(stub, async (_i, state) => {
      const sql = state.storage.sql
      for (const statement of legacySchema) sql.exec(statement)
      sql.exec(
        'INSERT INTO order_doc (singleton, doc, request_hash) VALUES (1, ?, ?)',
        JSON.stringify(source.doc?.order),
        source.doc?.requestHash ?? '',
      )
      for (const e of source.events) {
        sql.exec(
          'INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          e.seq,
          e.action,
          e.from,
          e.to,
          e.actorRole,
          e.actorId,
          JSON.stringify(e.payload),
          e.at,
        )
      }
      for (const t of source.timers) {
        sql.exec('INSERT INTO timers VALUES (?, ?, ?)', t.kind, t.dueAt, t.action)
      }
      const entry = { order: source.doc?.order, event: source.events[0], withLines: true }
      sql.exec('INSERT INTO outbox (payload, next_attempt_at) VALUES (?, 0)', JSON.stringify(entry))
      sql.exec("INSERT INTO payment_events VALUES ('evt_1', 'payment.succeeded', 'paid', 1)")
      await state.storage.setAlarm(Date.now() + 60_000)
    })
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    const moved = await runInDurableObject(stub, (_i, state) => {
      const store = createOrderStore(state.storage.sql)
      const tables = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%' ORDER BY name",
        )
        .toArray()
        .map((r) => r.name)
      return {
        tables,
        doc: store.load(),
        events: store.events(),
        timers: store.timers.all(),
        seen: store.seenPayment('evt_1'),
      }
    })
    expect(moved.tables).toEqual(['order_log', 'order_state', 'sqlite_sequence'])
    expect(moved.doc).toEqual(source.doc)
    expect(moved.events).toEqual(source.events)
    expect(moved.timers).toEqual(source.timers)
    expect(moved.seen).toBe('paid')
    expect(await stub.flushOutbox()).toEqual({ flushed: 0, pending: 0 })
  })
})
