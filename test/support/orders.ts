import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { createOrderStore } from '../../durable-objects/order/store'
import { address } from './catalog'
import { type Answer, api, token } from './http'
import { uid } from './ids'

export interface OrderBody {
  id: string
  status: string
  userId: string
  amounts: Record<
    | 'items'
    | 'memberDiscount'
    | 'storeDiscount'
    | 'platformDiscount'
    | 'couponDiscount'
    | 'pointsDiscount'
    | 'freight'
    | 'payable'
    | 'paid',
    { amount: number; currency: string }
  >
  labels: Record<'buyer' | 'merchant' | 'warehouse' | 'service', { en: string; zh: string }>
  [k: string]: unknown
}

/**
 * Places an order as a buyer: the body (lines, coupons, points, note, ...) goes with the shared
 * test address unless it names its own.
 */
export async function place<T = OrderBody>(
  buyer: string,
  body: Record<string, unknown>,
  key: string = uid('key'),
): Promise<Answer<T>> {
  return api<T>('POST', '/v1/orders', {
    token: await token('buyer', buyer),
    headers: { 'Idempotency-Key': key },
    body: { address, ...body },
  })
}

export async function placeOrder(
  buyer: string,
  lines: { skuId: string; qty: number }[],
  key: string = uid('key'),
): Promise<Answer<OrderBody>> {
  return place(buyer, { lines }, key)
}

export function orderActor(orderId: string) {
  return env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
}

/**
 * Moves an order's timers to the past, as if their time had come, then runs its alarm. Time is
 * not faked: only the due dates move.
 */
export async function elapse(orderId: string, kinds?: string[]): Promise<boolean> {
  // Side effects in flight would re-arm the alarm under us; let them finish first.
  await settle(orderId)
  const stub = orderActor(orderId)
  await runInDurableObject(stub, (_instance, state) => {
    const past = Date.now() - 1
    const store = createOrderStore(state.storage.sql)
    state.storage.transactionSync(() =>
      store.stage(() => {
        for (const t of store.timers.all())
          if (!kinds || kinds.includes(t.kind)) store.timers.set(t.kind, past, t.action)
      }),
    )
  })
  return runDurableObjectAlarm(stub)
}

export async function timersOf(orderId: string): Promise<{ kind: string; due_at: number }[]> {
  return runInDurableObject(orderActor(orderId), (_i, state) =>
    createOrderStore(state.storage.sql)
      .timers.all()
      .map((t) => ({ kind: t.kind, due_at: t.dueAt }))
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
  )
}

/** Waits for the actor's side effects to run and its history to reach D1. */
export async function settle(orderId: string): Promise<void> {
  const stub = orderActor(orderId)
  for (let i = 0; i < 50; i++) {
    const effects = await stub.runEffects()
    const { pending } = await stub.flushOutbox()
    if (pending === 0 && effects.pending === 0) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`outbox of ${orderId} did not drain`)
}

/** An order as customer service reads it through the API. */
export async function readOrder<T = OrderBody>(id: string): Promise<T> {
  return (await api<T>('GET', `/v1/orders/${id}`, { token: await token('service', 'cs') })).body
}

/** Waits for the order-events queue to push the paid order to the sandbox WMS. */
export async function pushedToWms<T extends OrderBody = OrderBody>(id: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    await settle(id)
    const order = await readOrder<T>(id)
    if (order.fulfilment === 'pushed') return order
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`order ${id} never reached the WMS`)
}
