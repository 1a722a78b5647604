import { z } from '@hono/zod-openapi'
import { orderStatuses, orderTypes } from '../../domain/process/order-types'
import { AddressSchema } from './address'
import { PerspectiveLabelsSchema } from './label'
import { MoneySchema } from './money'
import { afterSaleStateSchema } from './order-after-sale'
import { GiftOutcomeSchema, OrderAttributesViewSchema } from './order-attributes'

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
  cancelledQty: z.number().int().openapi({ description: 'Units cancelled before shipment' }),
  cancelledAmount: MoneySchema.openapi({ description: 'What those units refunded' }),
  gift: z.boolean().openapi({ description: 'A free gift line: every amount on it is 0' }),
})

const nullableTime = z.string().nullable()

/** Some units of a paid order cancelled before shipment, with what they refunded. */
const PartialCancelSchema = z
  .object({
    id: z.string(),
    lines: z.array(
      z.object({ lineNo: z.number().int(), qty: z.number().int(), amount: MoneySchema }),
    ),
    refund: z.object({
      items: MoneySchema,
      freight: MoneySchema,
      total: MoneySchema,
      points: z.number().int(),
    }),
    reason: z.string(),
    by: z.object({ role: z.string(), id: z.string() }),
    at: z.string(),
  })
  .openapi('PartialCancel')

export const OrderViewSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    userId: z.string(),
    storeId: z.string().nullable(),
    storeIds: z.array(z.string()),
    type: z.enum(orderTypes),
    status: z.enum(orderStatuses),
    labels: PerspectiveLabelsSchema,
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
    attributes: OrderAttributesViewSchema,
    gifts: z.array(GiftOutcomeSchema).openapi({
      description: 'Each gift the cart earned: added as a line, or why the order went without it',
    }),
    shipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    fulfilment: z
      .enum(['not_pushed', 'pushed', 'picking', 'outbound', 'intercepted'])
      .openapi({ description: 'Where a paid order stands in the warehouse' }),
    afterSaleOpen: z
      .boolean()
      .openapi({ description: 'Whether the after-sale window is open for new requests' }),
    afterSale: afterSaleStateSchema,
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
    partialCancels: z
      .array(PartialCancelSchema)
      .openapi({ description: 'Units cancelled before shipment, oldest first; the rest ships' }),
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
