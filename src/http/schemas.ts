import { z } from '@hono/zod-openapi'
import { addressSchema } from '../domain/address'
import { orderAfterSaleStates } from '../domain/after-sale/order-state'
import { orderStatuses, orderTypes } from '../domain/process/order-types'

export const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ example: 4545 }),
    currency: z.string().length(3).openapi({ example: 'CNY' }),
  })
  .openapi('Money', { description: 'Integer minor units and an ISO 4217 currency code' })

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INSUFFICIENT_STOCK' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error')

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -')

export const AddressSchema = addressSchema
  .extend({
    region: addressSchema.shape.region.openapi({ example: 'CN-31' }),
  })
  .openapi('Address')

const LabelSchema = z.object({ en: z.string(), zh: z.string() })

const LineViewSchema = z.object({
  lineNo: z.number().int(),
  skuId: z.string(),
  storeId: z.string(),
  title: z.string(),
  qty: z.number().int(),
  unitPrice: MoneySchema,
  amount: MoneySchema,
  discounts: z.object({
    member: MoneySchema,
    store: MoneySchema,
    platform: MoneySchema,
    coupon: MoneySchema,
    points: MoneySchema,
  }),
  finalAmount: MoneySchema,
})

const nullableTime = z.string().nullable()

export const OrderViewSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    userId: z.string(),
    storeId: z.string().nullable(),
    storeIds: z.array(z.string()),
    type: z.enum(orderTypes),
    status: z.enum(orderStatuses),
    labels: z.object({
      buyer: LabelSchema,
      merchant: LabelSchema,
      warehouse: LabelSchema,
      service: LabelSchema,
    }),
    lines: z.array(LineViewSchema),
    amounts: z.object({
      items: MoneySchema,
      memberDiscount: MoneySchema,
      storeDiscount: MoneySchema,
      platformDiscount: MoneySchema,
      couponDiscount: MoneySchema,
      pointsDiscount: MoneySchema,
      freight: MoneySchema,
      payable: MoneySchema,
      paid: MoneySchema,
    }),
    presale: z
      .object({ deposit: MoneySchema, balance: MoneySchema, balanceStartsAt: nullableTime })
      .nullable(),
    address: AddressSchema,
    note: z.string().nullable(),
    shipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    fulfilment: z
      .enum(['not_pushed', 'pushed', 'picking', 'outbound', 'intercepted'])
      .openapi({ description: 'Where a paid order stands in the warehouse' }),
    afterSaleOpen: z
      .boolean()
      .openapi({ description: 'Whether the after-sale window is open for new requests' }),
    afterSale: z.enum(orderAfterSaleStates).openapi({
      description:
        'After-sales under way: refunding (a refund only), in_after_sale (a return or exchange)',
    }),
    abnormal: z.boolean().openapi({
      description: 'Held for review, or a wrong-amount payment still held: service reads 异常',
    }),
    reviewReason: z.string().nullable(),
    children: z
      .array(
        z.object({
          id: z.string(),
          index: z.number().int(),
          storeId: z.string(),
          warehouseId: z.string(),
          status: z.string(),
          payable: MoneySchema,
          paid: MoneySchema,
          reasons: z.array(z.string()),
        }),
      )
      .nullable()
      .openapi({ description: 'A split submission: its packages, each a child order' }),
    cancelReason: z.string().nullable(),
    createdAt: nullableTime,
    depositPaidAt: nullableTime,
    paidAt: nullableTime,
    shippedAt: nullableTime,
    receivedAt: nullableTime,
    completedAt: nullableTime,
    cancelledAt: nullableTime,
    updatedAt: nullableTime,
    version: z.number().int(),
  })
  .openapi('Order')

export const OrderEventSchema = z
  .object({
    seq: z.number().int(),
    action: z.string(),
    from: z.enum(orderStatuses).nullable(),
    to: z.enum(orderStatuses),
    actorRole: z.string(),
    actorId: z.string(),
    payload: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi('OrderEvent')

/** Standard error responses, so every route documents the envelope. */
export function errorResponses(
  ...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503)[]
) {
  const descriptions: Record<number, string> = {
    400: 'Bad input; the message names the field',
    401: 'Missing or invalid bearer token',
    403: 'The caller may not do this',
    404: 'Unknown, or not yours',
    409: 'State conflict',
    413: 'Body too large',
    422: 'Business rule refused it',
    429: 'Rate limited',
    503: 'Not configured here, or a provider is unavailable',
  }
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: descriptions[s] ?? 'Error',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  )
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
