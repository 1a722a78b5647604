import { createRoute, z } from '@hono/zod-openapi'
import type { HeldDecision } from '../../../durable-objects/order/client'
import { auth } from '../../auth/authenticate'
import type { ActorRef } from '../../domain/order'
import type { Env } from '../../env'
import { AppError, unwrap } from '../../errors'
import { callerRef } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonResponse } from '../../http/schemas/json'
import { MoneySchema } from '../../http/schemas/money'
import { heldByPayment, heldPayments } from '../../store/held-payments'

const HeldSchema = z
  .object({
    paymentId: z.string(),
    orderId: z.string(),
    parentOrderId: z.string().nullable(),
    sessionId: z.string().nullable(),
    amount: MoneySchema,
    expected: MoneySchema.openapi({ description: 'What the order owed when the money arrived' }),
    status: z.enum(['held', 'refunded', 'accepted']),
    heldAt: z.string(),
  })
  .openapi('HeldPayment')

const ListSchema = z
  .object({ items: z.array(HeldSchema), nextCursor: z.string().nullable() })
  .openapi('HeldPaymentList')

const SettledSchema = z
  .object({ paymentId: z.string(), orderId: z.string(), outcome: z.string() })
  .openapi('HeldPaymentSettled', { description: 'outcome: refunding or paid' })

const listQuery = z.object({
  status: z.enum(['held', 'refunded', 'accepted']).default('held'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
})

function encodeCursor(heldAt: number, paymentId: string): string {
  return btoa(JSON.stringify([heldAt, paymentId]))
}

function decodeCursor(cursor: string | undefined) {
  if (cursor === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(atob(cursor))
    if (Array.isArray(parsed) && typeof parsed[0] === 'number' && typeof parsed[1] === 'string') {
      return { heldAt: parsed[0], paymentId: parsed[1] }
    }
  } catch {}
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list gave out')
}

const paymentParams = z.object({
  paymentId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'paymentId', in: 'path' } }),
})

function settleRoute(decision: HeldDecision) {
  const summary =
    decision === 'refund'
      ? 'Refund a held payment to the buyer'
      : 'Accept a held payment as the order’s payment; any excess is refunded'
  return createRoute({
    method: 'post',
    path: `/{paymentId}/${decision}`,
    tags: ['payments'],
    summary,
    middleware: [auth('admin', 'service')] as const,
    request: { params: paymentParams },
    responses: {
      200: jsonResponse(SettledSchema, 'Settled'),
      ...errorResponses(401, 403, 404, 409, 422),
    },
  })
}

/** `/v1/admin/payments`: payments held because they did not match their order. */
export const heldPaymentsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/held',
      tags: ['payments'],
      summary: 'Payments whose amount or currency did not match their order, oldest first',
      middleware: [auth('admin', 'service')] as const,
      request: { query: listQuery },
      responses: {
        200: jsonResponse(ListSchema, 'A page of held payments'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const after = decodeCursor(q.cursor)
      const rows = await heldPayments(c.env.DB, {
        status: q.status,
        limit: q.limit + 1,
        ...(after ? { after } : {}),
      })
      const page = rows.slice(0, q.limit)
      const last = page.at(-1)
      const items = page.map((r) => ({
        paymentId: r.paymentId,
        orderId: r.orderId,
        parentOrderId: r.parentOrderId,
        sessionId: r.sessionId,
        amount: { amount: r.amount, currency: r.currency },
        expected: { amount: r.expected, currency: r.currency },
        status: r.status,
        heldAt: new Date(r.heldAt).toISOString(),
      }))
      const more = rows.length > q.limit && last
      return c.json(
        { items, nextCursor: more ? encodeCursor(last.heldAt, last.paymentId) : null },
        200,
      )
    },
  )
  .openapi(settleRoute('refund'), async (c) =>
    c.json(await settle(c.env, c.req.valid('param').paymentId, 'refund', callerRef(c)), 200),
  )
  .openapi(settleRoute('accept'), async (c) =>
    c.json(await settle(c.env, c.req.valid('param').paymentId, 'accept', callerRef(c)), 200),
  )

async function settle(env: Env, paymentId: string, decision: HeldDecision, by: ActorRef) {
  const [row] = await heldByPayment(env.DB, paymentId)
  if (!row) throw new AppError('NOT_FOUND', `no held payment ${paymentId}`)
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(row.orderId))
  const { outcome } = unwrap(await stub.settleHeld({ paymentId, decision, by }))
  return { paymentId, orderId: row.orderId, outcome }
}
