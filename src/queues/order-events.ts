import type { Wms } from '../adapters/wms'
import { wmsAdapter } from '../adapters/wms-provider'
import { backoff } from '../domain/backoff'
import { type OrderEventMessage, orderEventMessageSchema } from '../domain/order-events'
import type { WmsOrder } from '../domain/wms-order'
import type { Env } from '../env'
import { type FulfilmentGate, messageGate } from './fulfilment-gate'
import { handledIds, recordReceipt } from './queue-receipts'

export interface OrderEventDeps {
  readonly wms: Wms
  readonly gate: FulfilmentGate
  readonly clock: () => number
}

type Pushable = Extract<OrderEventMessage, { order: WmsOrder }>

/** Rounds of push-then-check before giving the message back: the order kept changing under us. */
const maxRounds = 3
const maxDelaySeconds = 600

/** 10 s, 20 s, 40 s ... up to 10 min: a WMS that is down gets room to come back. */
export function retryDelaySeconds(attempts: number): number {
  return backoff(attempts, 10, maxDelaySeconds)
}

/**
 * The `order-events` consumer: pushes paid orders (and changed addresses) to the WMS and
 * withdraws cancelled ones. Each message is acked once its work succeeded and its receipt is
 * written, and retried with backoff otherwise; after wrangler.toml's max_retries the Queue moves
 * it to the dead-letter queue. Messages of one order run in order; different orders run side by
 * side.
 */
export async function handleOrderEvents(
  batch: MessageBatch<OrderEventMessage>,
  env: Pick<Env, 'DB'>,
  deps: Partial<OrderEventDeps> = {},
): Promise<void> {
  const d: OrderEventDeps = {
    wms: deps.wms ?? wmsAdapter(env),
    gate: deps.gate ?? messageGate,
    clock: deps.clock ?? Date.now,
  }
  const byOrder = new Map<string, Message<OrderEventMessage>[]>()
  for (const m of batch.messages) {
    const key = orderKey(m)
    byOrder.set(key, [...(byOrder.get(key) ?? []), m])
  }
  let seen: Set<string>
  try {
    seen = await handledIds(env.DB, batch.messages.flatMap(eventIdOf))
  } catch {
    for (const m of batch.messages) m.retry({ delaySeconds: retryDelaySeconds(m.attempts) })
    return
  }
  await Promise.all(
    [...byOrder.values()].map(async (messages) => {
      for (const m of messages) await settle(m, env.DB, d, seen)
    }),
  )
}

function orderKey(m: Message<OrderEventMessage>): string {
  const parsed = orderEventMessageSchema.safeParse(m.body)
  // Malformed bodies each get a group of their own: they only wait for their retry.
  return parsed.success ? parsed.data.orderId : `malformed:${m.id}`
}

function eventIdOf(m: Message<OrderEventMessage>): string[] {
  const parsed = orderEventMessageSchema.safeParse(m.body)
  return parsed.success ? [parsed.data.eventId] : []
}

/** Handles one message and acks or retries it; never throws, so one bad message spares the rest. */
async function settle(
  m: Message<OrderEventMessage>,
  db: D1Database,
  d: OrderEventDeps,
  seen: Set<string>,
): Promise<void> {
  const parsed = orderEventMessageSchema.safeParse(m.body)
  // A body no code can act on goes to the dead-letter queue through its retries, kept for a look.
  if (!parsed.success) return m.retry({ delaySeconds: retryDelaySeconds(m.attempts) })
  const body = parsed.data
  if (seen.has(body.eventId)) return m.ack()
  try {
    const outcome = await handle(body, d)
    await recordReceipt(db, { ...body, outcome, at: d.clock() })
    seen.add(body.eventId)
    m.ack()
  } catch {
    m.retry({ delaySeconds: retryDelaySeconds(m.attempts) })
  }
}

/** Does the message's work and names what happened, for its receipt; throws to be retried. */
async function handle(body: OrderEventMessage, d: OrderEventDeps): Promise<string> {
  switch (body.type) {
    case 'order.paid':
    case 'order.address_changed':
      return syncWarehouse(body, d)
    case 'order.cancelled':
      return withdraw(body.orderId, d.wms)
    case 'order.closed':
      // Nothing in the warehouse to change; notifications will hang off this event.
      return 'noted'
  }
}

/**
 * Push, then ask the order again: a cancel in between withdraws the push, and a newer version
 * (the address changed) is pushed over the older one.
 */
async function syncWarehouse(message: Pushable, d: OrderEventDeps): Promise<string> {
  let claim = await d.gate.claim(message)
  for (let round = 0; round < maxRounds; round += 1) {
    if (claim.kind === 'withdraw') return withdraw(message.orderId, d.wms)
    const pushed = await d.wms.push(claim.order)
    if (!pushed.ok) throw new Error(`WMS refused ${message.orderId}: ${pushed.code}`)
    if (pushed.state === 'intercepted') return 'already_intercepted'
    if (pushed.state === 'outbound') return 'already_outbound'
    const again = await d.gate.claim(message)
    if (again.kind === 'push' && again.order.version <= pushed.version) return 'pushed'
    claim = again
  }
  throw new Error(`order ${message.orderId} kept changing while it was pushed`)
}

/**
 * Takes an order back out of the warehouse. Never received is as good as withdrawn; outbound is
 * not, and the receipt says so for reconciliation: goods left for an order that was cancelled.
 */
async function withdraw(orderId: string, wms: Wms): Promise<string> {
  const r = await wms.intercept(orderId)
  if (r.ok) return 'withdrawn'
  return r.code === 'NOT_FOUND' ? 'not_in_warehouse' : 'outbound_after_cancel'
}
