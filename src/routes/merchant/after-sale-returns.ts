import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import type { CallerRole } from '../../auth/principal'
import type { Json } from '../../domain/order'
import { afterSaleAction as act } from '../../http/after-sale-action'
import { createRouter } from '../../http/router'
import { AddressSchema } from '../../http/schemas/address'
import { AfterSaleSchema, FreightPartySchema } from '../../http/schemas/after-sale'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MoneySchema } from '../../http/schemas/money'
import { AfterSaleParams as afterSaleParams } from '../../http/schemas/params'
import { ShipSchema } from '../../http/schemas/shipment'

const ApproveSchema = z
  .object({
    returnAddress: AddressSchema.optional().openapi({
      description:
        'Where the goods go, to approve a return_refund, exchange or repair; may be left out ' +
        'when the store has a return address on file, which is then used',
    }),
  })
  .strict()
  .openapi('ApproveAfterSale')

const ReceiveSchema = z
  .object({
    returnFreight: z
      .object({
        amount: MoneySchema,
        paidBy: FreightPartySchema.openapi({
          description: 'buyer: sent prepaid; merchant: sent freight collect',
        }),
      })
      .strict()
      .optional()
      .openapi({ description: 'What the return waybill says the shipment cost, and who paid' }),
  })
  .strict()
  .openapi('ReceiveReturn')

const responses = {
  200: jsonResponse(AfterSaleSchema, 'The after-sale'),
  ...errorResponses(400, 401, 403, 404, 409, 422),
}
const path = (step: string) => `/{id}/after-sales/{asId}/${step}`
const reviewers: CallerRole[] = ['merchant', 'service', 'admin']
const handlers: CallerRole[] = ['merchant', 'warehouse', 'service', 'admin']

const approveRoute = createRoute({
  method: 'post',
  path: path('approve'),
  tags: ['after-sales'],
  summary: "Approve an after-sale; goods coming back need a return address (or the store's)",
  middleware: [auth(...reviewers)] as const,
  request: { params: afterSaleParams, body: { ...jsonBody(ApproveSchema), required: false } },
  responses,
})

const receiveRoute = createRoute({
  method: 'post',
  path: path('receive'),
  tags: ['after-sales'],
  summary: 'The returned goods arrived, with the return freight on their waybill',
  description:
    'A refund commits here: the return freight is added when the buyer paid what the merchant ' +
    'bears, kept back when the merchant paid what the buyer bears (by the reason code).',
  middleware: [auth(...handlers)] as const,
  request: { params: afterSaleParams, body: { ...jsonBody(ReceiveSchema), required: false } },
  responses,
})

const sendRepairedRoute = createRoute({
  method: 'post',
  path: path('send-repaired'),
  tags: ['after-sales'],
  summary: 'Send the repaired goods back to the buyer (ends a repair; no money moves)',
  middleware: [auth('merchant', 'warehouse', 'admin')] as const,
  request: { params: afterSaleParams, body: jsonBody(ShipSchema) },
  responses,
})

/** The steps of goods coming back: approval with an address, receipt with its freight, repair. */
export const afterSaleReturnsRouter = createRouter()
  .openapi(approveRoute, async (c) => {
    const address = c.req.valid('json')?.returnAddress
    const payload: { [k: string]: Json } = {}
    if (address) payload.returnAddress = { ...address }
    return c.json(await act(c, 'approve', payload), 200)
  })
  .openapi(receiveRoute, async (c) => {
    const freight = c.req.valid('json')?.returnFreight
    const payload: { [k: string]: Json } = {}
    if (freight) payload.returnFreight = { amount: { ...freight.amount }, paidBy: freight.paidBy }
    return c.json(await act(c, 'receive_return', payload), 200)
  })
  .openapi(sendRepairedRoute, async (c) =>
    c.json(await act(c, 'send_repaired', c.req.valid('json')), 200),
  )
