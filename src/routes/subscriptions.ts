import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  subscriptionActor,
  subscriptionIdOf,
  subscriptionStub,
} from '../../durable-objects/subscription/client'
import type { AppEnv } from '../app-env'
import { auth } from '../auth/authenticate'
import { priceCart } from '../checkout/price-cart'
import type { CatalogSku } from '../domain/catalog'
import { formatMoney } from '../domain/money'
import { isoPeriod, parsePeriod } from '../domain/subscription/period'
import { callerSubscriptionActions, subscriptionStatuses } from '../domain/subscription/types'
import { AppError, unwrap } from '../errors'
import { decodeCursor, encodeCursor } from '../http/cursor'
import { callerRef } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { jsonBody, jsonResponse } from '../http/schemas/json'
import {
  CreateSubscriptionSchema,
  SubscriptionSummarySchema,
  SubscriptionViewSchema,
} from '../http/schemas/subscription'
import { sha256Hex } from '../ids'
import { payingConfig } from '../payments/payment-config'
import { listSubscriptions, type SubscriptionRow } from '../store/subscriptions'

type CreateBody = z.infer<typeof CreateSubscriptionSchema>

const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })
const everyone = ['buyer', 'merchant', 'warehouse', 'service', 'admin'] as const
// Starts a little in the past are a client's clock; a year ahead is the furthest plan we hold.
const startSkewMs = 60_000
const startHorizonMs = 366 * 86_400_000

const createRoute_ = createRoute({
  method: 'post',
  path: '/',
  tags: ['subscriptions'],
  summary: 'Subscribe (idempotent per Idempotency-Key): a delivery order and a charge each period',
  middleware: [auth('buyer')] as const,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128) }),
    body: jsonBody(CreateSubscriptionSchema),
  },
  responses: {
    201: jsonResponse(SubscriptionViewSchema, 'The subscription, new or as first created'),
    ...errorResponses(400, 401, 403, 409, 413, 422, 503),
  },
})

function invalid(field: string, message: string): AppError {
  const issues = [{ field, code: 'invalid', message }]
  return new AppError('VALIDATION_FAILED', `json ${field}: ${message}`, { target: 'json', issues })
}

function startOf(body: CreateBody, now: number): number {
  if (body.startAt === undefined) return now
  const at = Date.parse(body.startAt)
  if (at < now - startSkewMs) throw invalid('startAt', 'must not be in the past')
  if (at > now + startHorizonMs) throw invalid('startAt', 'must be within a year')
  return Math.max(at, now)
}

/** Every line a physical good of the plan's store: each cycle is one store's delivery. */
function checkLines(body: CreateBody, skus: ReadonlyMap<string, CatalogSku>): void {
  body.lines.forEach((line, i) => {
    const sku = skus.get(line.skuId)
    if (!sku) return
    const field = `lines.${i}.skuId`
    if (sku.storeId !== body.storeId) {
      const message = `${field}: ${sku.id} is sold by ${sku.storeId}, not storeId ${body.storeId}`
      throw new AppError('BUSINESS_RULE', message, { field })
    }
    if (sku.orderType !== 'physical') {
      const message = `${field}: ${sku.id} is ${sku.orderType}; a subscription delivers physical goods`
      throw new AppError('BUSINESS_RULE', message, { field })
    }
  })
}

/** The plan as quoted now: its cycle price must be what the buyer was shown. */
async function checkedPlan(c: Context<AppEnv>, body: CreateBody, now: number) {
  const period = parsePeriod(body.period)
  if (!period) throw invalid('period', 'must be PnD, PnW, PnM or PnY')
  const buyer = c.get('principal').id
  const cart = { lines: body.lines, address: body.address, couponIds: 'none' as const }
  const priced = unwrap(await priceCart(c.env, buyer, cart, now))
  checkLines(body, priced.skus)
  const { currency, amounts } = priced.priced
  const expected = body.pricePerCycle
  if (amounts.payable !== expected.amount || currency !== expected.currency) {
    const cost = formatMoney({ amount: amounts.payable, currency })
    const message = `pricePerCycle: each cycle costs ${cost} now, not ${formatMoney(expected)}`
    throw new AppError('PRICE_CHANGED', message, { payable: { amount: amounts.payable, currency } })
  }
  return {
    period: isoPeriod(period),
    cycles: body.cycles ?? null,
    pricePerCycle: { amount: amounts.payable, currency },
    storeId: body.storeId,
    lines: body.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
    address: body.address,
    paymentMethod: body.paymentMethod,
  }
}

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['subscriptions'],
  summary: 'A subscription with its labels for every perspective and its deliveries',
  middleware: [auth(...everyone)] as const,
  request: { params: idParams },
  responses: {
    200: jsonResponse(SubscriptionViewSchema, 'The subscription'),
    ...errorResponses(401, 404),
  },
})

const actionRoute = createRoute({
  method: 'post',
  path: '/{id}/{action}',
  tags: ['subscriptions'],
  summary: 'Pause, resume, skip the next delivery, or cancel',
  description:
    'As the subscription machine allows (GET /v1/admin/processes/subscription): 409 ' +
    'ILLEGAL_TRANSITION otherwise. Buyers act on their own, customer service and admins on any; ' +
    'a merchant may cancel its store’s.',
  middleware: [auth('buyer', 'merchant', 'service', 'admin')] as const,
  request: {
    params: idParams.extend({
      action: z.enum(callerSubscriptionActions).openapi({ param: { name: 'action', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonResponse(SubscriptionViewSchema, 'The subscription after the action'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['subscriptions'],
  summary: "The caller's subscriptions, newest first (a buyer's own, a merchant's store's, all)",
  middleware: [auth(...everyone)] as const,
  request: {
    query: z.object({
      status: z.enum(subscriptionStatuses).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(SubscriptionSummarySchema), nextCursor: z.string().nullable() }),
      'A page of subscriptions',
    ),
    ...errorResponses(400, 401),
  },
})

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString())

function summary(r: SubscriptionRow) {
  return {
    id: r.id,
    userId: r.user_id,
    storeId: r.store_id,
    status: r.status,
    period: r.period,
    cycles: r.cycles,
    cyclesDone: r.cycles_done,
    pricePerCycle: { amount: r.price_amount, currency: r.currency },
    nextRenewalAt: iso(r.next_renewal_at),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }
}

export const subscriptionsRouter = createRouter()
  .openapi(createRoute_, async (c) => {
    const body = c.req.valid('json')
    const key = c.req.valid('header')['idempotency-key']
    const now = Date.now()
    const userId = c.get('principal').id
    const startAt = startOf(body, now)
    payingConfig(c.env)
    const id = await subscriptionIdOf(c.env, userId, key)
    const requestHash = await sha256Hex(JSON.stringify(body))
    const stub = subscriptionActor(c.env, id)
    const plan = await checkedPlan(c, body, now).catch(async (error: unknown) => {
      // A retry of a create that went through answers with it, whatever the prices now.
      const first = await stub.replay(requestHash)
      if (!first.ok) throw error
      c.header('Idempotent-Replayed', 'true')
      return first.subscription
    })
    if ('labels' in plan) return c.json(plan, 201)
    const created = unwrap(await stub.create({ id, requestHash, userId, plan, startAt }))
    if (created.replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(created.subscription, 201)
  })
  .openapi(getRoute, async (c) => {
    const stub = await subscriptionStub(c.env, c.req.valid('param').id)
    return c.json(unwrap(await stub.read(callerRef(c))).subscription, 200)
  })
  .openapi(actionRoute, async (c) => {
    const { id, action } = c.req.valid('param')
    const stub = await subscriptionStub(c.env, id)
    return c.json(unwrap(await stub.act(action, callerRef(c))).subscription, 200)
  })
  .openapi(listRoute, async (c) => {
    const p = c.get('principal')
    const q = c.req.valid('query')
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    const rows = await listSubscriptions(c.env.DB, {
      ...(p.role === 'buyer' ? { userId: p.id } : {}),
      ...(p.role === 'merchant' && p.storeId ? { storeId: p.storeId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(cursor ? { cursor } : {}),
      limit: q.limit + 1,
    })
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null
    return c.json({ items: page.map(summary), nextCursor }, 200)
  })
