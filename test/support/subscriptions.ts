import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { address } from './catalog'
import { type Answer, api, token } from './http'
import { uid } from './ids'
import type { OrderBody } from './orders'

export interface SubscriptionBody {
  id: string
  userId: string
  storeId: string
  status: string
  labels: Record<'buyer' | 'merchant' | 'warehouse' | 'service', { en: string; zh: string }>
  plan: {
    period: string
    cycles: number | null
    pricePerCycle: { amount: number; currency: string }
  }
  cyclesDone: number
  cyclesLeft: number | null
  nextRenewalAt: string | null
  failedAttempts: number
  lastFailure: { code: string; message: string; orderId: string | null; at: string } | null
  deliveries: { cycle: number; orderId: string; amount: { amount: number; currency: string } }[]
  [k: string]: unknown
}

/** A day from now: far enough that no renewal falls due by itself while a test runs. */
export const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString()

export interface Subscribe {
  storeId: string
  lines: { skuId: string; qty: number }[]
  pricePerCycle: number
  period?: string | number
  cycles?: number | null
  paymentMethod?: string
  startAt?: string
  key?: string
}

export async function subscribe(buyer: string, s: Subscribe): Promise<Answer<SubscriptionBody>> {
  return api<SubscriptionBody>('POST', '/v1/subscriptions', {
    token: await token('buyer', buyer),
    headers: { 'Idempotency-Key': s.key ?? uid('sub-key') },
    body: {
      storeId: s.storeId,
      lines: s.lines,
      address,
      period: s.period ?? 'P1W',
      ...(s.cycles === undefined ? {} : { cycles: s.cycles }),
      pricePerCycle: { amount: s.pricePerCycle, currency: 'CNY' },
      paymentMethod: s.paymentMethod ?? 'pm_sandbox_visa',
      startAt: s.startAt ?? tomorrow(),
    },
  })
}

export function subscriptionActorOf(id: string) {
  return env.SUBSCRIPTION_ACTOR.get(env.SUBSCRIPTION_ACTOR.idFromName(id))
}

export async function renewalDueAt(id: string): Promise<number | null> {
  return runInDurableObject(subscriptionActorOf(id), (_i, state) => {
    const rows = state.storage.sql
      .exec<{ due_at: number }>("SELECT due_at FROM timers WHERE kind = 'renewal'")
      .toArray()
    return rows[0]?.due_at ?? null
  })
}

/**
 * Moves the renewal timer to the past, as if its time had come, then runs the actor's alarm.
 * Time is not faked: only the due date moves.
 */
export async function renewNow(id: string): Promise<boolean> {
  const stub = subscriptionActorOf(id)
  await runInDurableObject(stub, (_i, state) => {
    state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = 'renewal'", Date.now() - 1)
  })
  return runDurableObjectAlarm(stub)
}

export async function readSubscription(id: string, who?: string): Promise<SubscriptionBody> {
  const caller = who ? await token('buyer', who) : await token('service', 'cs-1')
  const res = await api<SubscriptionBody>('GET', `/v1/subscriptions/${id}`, { token: caller })
  if (res.status !== 200) throw new Error(`read ${id}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

export async function act(id: string, action: string, buyer: string) {
  return api<SubscriptionBody>('POST', `/v1/subscriptions/${id}/${action}`, {
    token: await token('buyer', buyer),
  })
}

export async function readOrder(id: string): Promise<OrderBody> {
  const res = await api<OrderBody>('GET', `/v1/orders/${id}`, {
    token: await token('service', 'cs'),
  })
  return res.body
}
