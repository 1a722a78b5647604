import type { Address } from '../domain/order'
import type { WmsOrder } from '../domain/wms-order'
import {
  type AddressResult,
  type InterceptResult,
  invalidWmsOrder,
  type PushResult,
  type Wms,
  type WmsFailure,
  type WmsShipment,
  type WmsState,
  type WmsStatus,
  wmsFailure,
} from './wms'

/** Where the warehouse routes may move an order in the sandbox: the scans a warehouse makes. */
export type WarehouseStep = 'picking' | 'outbound'

export type AdvanceResult =
  | { readonly ok: true; readonly state: WmsState; readonly changed: boolean }
  | WmsFailure<'NOT_FOUND' | 'INTERCEPTED' | 'ILLEGAL_STATE'>

/**
 * A WMS on our own D1, for development and tests. Beyond the WMS interface it plays the
 * warehouse floor: `advance` is a picking or outbound scan, driven by the warehouse routes, so an
 * interception succeeds before outbound and fails after it.
 */
export interface SandboxWms extends Wms {
  advance(orderId: string, step: WarehouseStep, shipment?: WmsShipment): Promise<AdvanceResult>
}

interface Row {
  order_id: string
  version: number
  state: WmsState
  carrier: string | null
  tracking_number: string | null
  updated_at: number
}

const selectSql = `SELECT order_id, version, state, carrier, tracking_number, updated_at
FROM sandbox_wms_orders WHERE order_id = ?1`

// Idempotent by order id: a repeat changes nothing; a newer version (the address changed while
// the push was in flight) refreshes the data, but only while the goods are still inside.
const pushSql = `INSERT INTO sandbox_wms_orders
  (order_id, version, state, store_id, lines, address, pushed_at, updated_at)
VALUES (?1, ?2, 'pushed', ?3, ?4, ?5, ?6, ?6)
ON CONFLICT (order_id) DO UPDATE SET version = excluded.version, lines = excluded.lines,
  address = excluded.address, updated_at = excluded.updated_at
WHERE sandbox_wms_orders.version < excluded.version
  AND sandbox_wms_orders.state IN ('pushed', 'picking')`

const interceptSql = `UPDATE sandbox_wms_orders SET state = 'intercepted', updated_at = ?2
WHERE order_id = ?1 AND state IN ('pushed', 'picking')`

const addressSql = `UPDATE sandbox_wms_orders SET address = ?2, version = ?3, updated_at = ?4
WHERE order_id = ?1 AND state IN ('pushed', 'picking') AND version <= ?3`

const advanceSql: Readonly<Record<WarehouseStep, string>> = {
  picking: `UPDATE sandbox_wms_orders SET state = 'picking', updated_at = ?2
WHERE order_id = ?1 AND state = 'pushed'`,
  outbound: `UPDATE sandbox_wms_orders SET state = 'outbound', updated_at = ?2,
  carrier = ?3, tracking_number = ?4 WHERE order_id = ?1 AND state IN ('pushed', 'picking')`,
}

function statusOf(row: Row): WmsStatus {
  const shipment =
    row.carrier && row.tracking_number
      ? { carrier: row.carrier, trackingNumber: row.tracking_number }
      : null
  return {
    orderId: row.order_id,
    state: row.state,
    version: row.version,
    shipment,
    updatedAt: row.updated_at,
  }
}

/** The sandbox's tables and its clock (epoch ms, injected so tests can place moves in time). */
interface Ctx {
  readonly db: D1Database
  readonly clock: () => number
}

const read = (ctx: Ctx, orderId: string) => ctx.db.prepare(selectSql).bind(orderId).first<Row>()

async function push(ctx: Ctx, order: WmsOrder): Promise<PushResult> {
  const invalid = invalidWmsOrder(order)
  if (invalid) return wmsFailure('INVALID_REQUEST', invalid)
  const lines = JSON.stringify(order.lines)
  const address = JSON.stringify(order.address)
  const insert = ctx.db
    .prepare(pushSql)
    .bind(order.orderId, order.version, order.storeId, lines, address, ctx.clock())
  // One batch is one transaction: the state read back is the one this push left.
  const [, selected] = await ctx.db.batch<Row>([
    insert,
    ctx.db.prepare(selectSql).bind(order.orderId),
  ])
  const row = selected?.results[0]
  if (!row) throw new Error(`sandbox WMS lost order ${order.orderId}`)
  return { ok: true, state: row.state, version: row.version }
}

async function intercept(ctx: Ctx, orderId: string): Promise<InterceptResult> {
  const res = await ctx.db.prepare(interceptSql).bind(orderId, ctx.clock()).run()
  if (res.meta.changes > 0) return { ok: true }
  const row = await read(ctx, orderId)
  if (!row) return wmsFailure('NOT_FOUND', `the WMS has no order ${orderId}`)
  if (row.state === 'intercepted') return { ok: true }
  return wmsFailure('ALREADY_OUTBOUND', `order ${orderId} has left the warehouse`)
}

async function status(ctx: Ctx, orderId: string) {
  const row = await read(ctx, orderId)
  if (!row) return wmsFailure('NOT_FOUND', `the WMS has no order ${orderId}`)
  return { ok: true as const, ...statusOf(row) }
}

async function changeAddress(ctx: Ctx, orderId: string, to: Address, version: number) {
  const stmt = ctx.db.prepare(addressSql).bind(orderId, JSON.stringify(to), version, ctx.clock())
  if ((await stmt.run()).meta.changes > 0) return { ok: true as const }
  return refusedAddress(orderId, await read(ctx, orderId))
}

async function advance(ctx: Ctx, orderId: string, step: WarehouseStep, shipment?: WmsShipment) {
  const now = ctx.clock()
  // Each statement binds exactly the parameters it uses: D1 refuses extra ones.
  const stmt =
    step === 'picking'
      ? ctx.db.prepare(advanceSql.picking).bind(orderId, now)
      : ctx.db
          .prepare(advanceSql.outbound)
          .bind(orderId, now, shipment?.carrier ?? null, shipment?.trackingNumber ?? null)
  if ((await stmt.run()).meta.changes > 0) return { ok: true as const, state: step, changed: true }
  return refusedAdvance(orderId, step, await read(ctx, orderId))
}

export function sandboxWms(db: D1Database, clock: () => number = Date.now): SandboxWms {
  const ctx: Ctx = { db, clock }
  return {
    push: (order) => push(ctx, order),
    intercept: (orderId) => intercept(ctx, orderId),
    status: (orderId) => status(ctx, orderId),
    changeAddress: (orderId, to, version) => changeAddress(ctx, orderId, to, version),
    advance: (orderId, step, shipment) => advance(ctx, orderId, step, shipment),
  }
}

function refusedAddress(orderId: string, row: Row | null): AddressResult {
  if (!row) return wmsFailure('NOT_FOUND', `the WMS has no order ${orderId}`)
  if (row.state === 'outbound') return wmsFailure('ALREADY_OUTBOUND', `${orderId} is outbound`)
  if (row.state === 'intercepted') return wmsFailure('INTERCEPTED', `${orderId} was intercepted`)
  // A newer address already arrived (a redelivered older change): the WMS holds the latest.
  return { ok: true }
}

function refusedAdvance(orderId: string, step: WarehouseStep, row: Row | null): AdvanceResult {
  if (!row) return wmsFailure('NOT_FOUND', `the WMS has no order ${orderId}`)
  if (row.state === step) return { ok: true, state: row.state, changed: false }
  if (row.state === 'intercepted') return wmsFailure('INTERCEPTED', `${orderId} was intercepted`)
  return wmsFailure('ILLEGAL_STATE', `${orderId} is ${row.state}, it cannot go to ${step}`)
}
