import { z } from '@hono/zod-openapi'
import { returnReasons } from '../../domain/after-sale/return-freight'
import { afterSaleStatuses, afterSaleTypes } from '../../domain/process/after-sale-types'
import { AddressSchema } from './address'
import { LabelSchema, PerspectiveLabelsSchema } from './label'
import { MoneySchema } from './money'

/** Who pays the carrier, and who bears the return freight. */
export const FreightPartySchema = z.enum(['buyer', 'merchant'])

/** Why goods come back, as a code: who bears the return freight follows from it. */
export const ReasonCodeSchema = z.enum(returnReasons).openapi({
  description:
    'quality_problem, wrong_item, damaged: the merchant bears the return freight; no_reason ' +
    '(the default): the buyer does',
})

const ReturnFreightSchema = z
  .object({
    amount: MoneySchema,
    paidBy: FreightPartySchema,
    payer: FreightPartySchema,
    adjustment: MoneySchema,
  })
  .nullable()
  .openapi({ description: 'The return shipment as received: cost, payer, change to the refund' })

/** The units an after-sale is about: line numbers of the order and how many of each. */
export const AfterSaleLinesSchema = z
  .array(
    z
      .object({
        lineNo: z.number().int().positive(),
        qty: z.number().int().positive().max(100_000),
      })
      .strict(),
  )
  .min(1)
  .max(100)

export const AfterSaleSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    type: z.enum(afterSaleTypes),
    typeLabel: LabelSchema,
    status: z.enum(afterSaleStatuses),
    labels: PerspectiveLabelsSchema,
    lines: z.array(z.object({ lineNo: z.number().int(), qty: z.number().int() })),
    reason: z.string(),
    requestedBy: z.object({ role: z.string(), id: z.string() }),
    returnShipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    reasonCode: ReasonCodeSchema,
    returnFreightPayer: FreightPartySchema,
    returnAddress: AddressSchema.nullable().openapi({
      description: 'Where to send the goods, given when the merchant approved',
    }),
    returnFreight: ReturnFreightSchema,
    repairShipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    refund: z
      .object({
        returnFreight: ReturnFreightSchema,
        total: MoneySchema,
        items: MoneySchema,
        freight: MoneySchema,
        points: z.number().int(),
        closesOrder: z.boolean(),
        lines: z.array(
          z.object({ lineNo: z.number().int(), qty: z.number().int(), amount: MoneySchema }),
        ),
        payments: z.array(
          z.object({ paymentId: z.string(), amount: MoneySchema, done: z.boolean() }),
        ),
      })
      .nullable()
      .openapi({ description: 'Fixed when the refund commits; null before and for exchanges' }),
    replacementOrderId: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('AfterSale')
