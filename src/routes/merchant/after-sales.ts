import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import type { CallerRole } from '../../auth/principal'
import { unwrap } from '../../errors'
import { afterSaleAction } from '../../http/after-sale-action'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { AfterSaleLinesSchema, AfterSaleSchema } from '../../http/schemas/after-sale'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { AfterSaleParams, OrderIdParams } from '../../http/schemas/params'

const SellerRefundSchema = z
  .object({
    type: z.enum(['refund_only']),
    lines: AfterSaleLinesSchema,
    reason: z.string().min(1).max(500),
  })
  .strict()
  .openapi('SellerRefund')

const RejectSchema = z
  .object({ reason: z.string().min(1).max(500) })
  .strict()
  .openapi('RejectAfterSale')

const refundRoute = createRoute({
  method: 'post',
  path: '/{id}/after-sales',
  tags: ['after-sales'],
  summary: 'Start a refund only for the buyer, approved by the caller (merchant or service)',
  description:
    'Opens a refund-only after-sale on some units of a shipped or received order and approves ' +
    'it at once, so the refund goes out as if the buyer had asked and the merchant agreed.',
  middleware: [auth('merchant', 'service', 'admin')] as const,
  request: { params: OrderIdParams, body: jsonBody(SellerRefundSchema) },
  responses: {
    201: jsonResponse(AfterSaleSchema, 'The refund, approved'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
})

/** A merchant-side step on one after-sale; `roles` are those the step's table admits. */
function stepRoute(step: string, summary: string, roles: CallerRole[]) {
  return createRoute({
    method: 'post',
    path: `/{id}/after-sales/{asId}/${step}`,
    tags: ['after-sales'],
    summary,
    middleware: [auth(...roles)] as const,
    request: { params: AfterSaleParams },
    responses: {
      200: jsonResponse(AfterSaleSchema, 'The after-sale'),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  })
}

const reviewers: CallerRole[] = ['merchant', 'service', 'admin']
const handlers: CallerRole[] = ['merchant', 'warehouse', 'service', 'admin']

const rejectRoute = createRoute({
  method: 'post',
  path: '/{id}/after-sales/{asId}/reject',
  tags: ['after-sales'],
  summary: 'Refuse an after-sale, with a reason',
  middleware: [auth(...reviewers)] as const,
  request: { params: AfterSaleParams, body: jsonBody(RejectSchema) },
  responses: {
    200: jsonResponse(AfterSaleSchema, 'The rejected after-sale'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/**
 * The seller's side of after-sales: giving money back unasked, refusing, replacing. Approval and
 * receipt, which carry the return's address and freight, are in after-sale-returns.ts.
 */
export const merchantAfterSalesRouter = createRouter()
  .openapi(refundRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const { lines, reason } = c.req.valid('json')
    const started = await stub.startRefund({ by: callerRef(c), lines, reason })
    return c.json(unwrap(started).afterSale, 201)
  })
  .openapi(rejectRoute, async (c) =>
    c.json(await afterSaleAction(c, 'reject', c.req.valid('json')), 200),
  )
  .openapi(
    stepRoute('send-exchange', "Send an exchange's zero-value replacement order", handlers),
    async (c) => c.json(await afterSaleAction(c, 'send_exchange'), 200),
  )
