import { OpenAPIHono } from '@hono/zod-openapi'
import { sign } from 'hono/jwt'
import type { AppEnv } from '../../src/app-env'
import type { Subscription } from '../../src/domain/subscription/types'
import type { Env } from '../../src/env'
import { AppError } from '../../src/errors'
import { orderPlacementRouter } from '../../src/routes/orders/place'

/**
 * The order placement route itself, mounted alone: a cycle's delivery order is placed exactly as
 * a buyer's own (catalog price, stock reservation, velocity, the order actor, idempotency), so
 * nothing about it can differ from any other order. Its refusals come back as the API's codes.
 */
const placement = new OpenAPIHono<AppEnv>()
placement.route('/v1/orders', orderPlacementRouter)
placement.onError((err) => {
  const error =
    err instanceof AppError
      ? { code: err.code, message: err.message }
      : { code: 'INTERNAL', message: err instanceof Error ? err.message : 'placement failed' }
  return Response.json({ error }, { status: err instanceof AppError ? err.status : 500 })
})

export interface PlacedOrder {
  readonly id: string
  readonly status: string
  readonly amounts: { readonly payable: { readonly amount: number; readonly currency: string } }
}

export type CyclePlacement =
  | { readonly ok: true; readonly order: PlacedOrder }
  | { readonly ok: false; readonly code: string; readonly message: string }

// Long enough for one placement; the token never leaves this actor.
const tokenTtlSeconds = 60

/**
 * Places one renewal's order for the subscriber. `key` is the Idempotency-Key: the same slot
 * and attempt always name the same order, so an alarm run again after a crash finds the order
 * it placed instead of placing another.
 */
export async function placeCycleOrder(
  env: Env,
  sub: Subscription,
  key: string,
): Promise<CyclePlacement> {
  const exp = Math.floor(Date.now() / 1000) + tokenTtlSeconds
  const bearer = await sign({ sub: sub.userId, role: 'buyer', exp }, env.JWT_SECRET, 'HS256')
  const { plan } = sub
  const body = {
    lines: plan.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
    address: plan.address,
    couponIds: 'none',
    note: `subscription ${sub.id}, cycle ${sub.cyclesDone + 1}`,
    expectedPayable: plan.pricePerCycle,
  }
  const res = await placement.request(
    '/v1/orders',
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    },
    env,
  )
  const json = (await res.json()) as PlacedOrder & { error?: { code: string; message: string } }
  if (res.status === 201) return { ok: true, order: json }
  const error = json.error ?? { code: 'INTERNAL', message: `placement answered ${res.status}` }
  return { ok: false, code: error.code, message: error.message }
}
