import { z } from '@hono/zod-openapi'
import { giftStatuses } from '../../domain/gift-outcome'
import {
  deliveryMethods,
  type InvoiceRequest,
  invoiceProblem,
  invoiceTypes,
  noAttributes,
  type OrderAttributes,
  sourceChannels,
} from '../../domain/order-attributes'

const InvoiceInSchema = z
  .object({
    type: z.enum(invoiceTypes),
    title: z.string().min(1).max(200).openapi({ example: 'Acme Trading Co., Ltd.' }),
    taxId: z
      .string()
      .max(20)
      .optional()
      .openapi({ description: 'Required for a company invoice', example: '91310000MA1FL8XQ3C' }),
    email: z.string().min(3).max(254).openapi({ example: 'ap@acme.example' }),
  })
  .strict()
  .superRefine((invoice, ctx) => {
    const problem = invoiceProblem(invoiceOf(invoice))
    // The path is relative to the invoice object; the router names it from the body's root.
    if (problem) {
      const field = problem.field.slice('invoice.'.length)
      ctx.addIssue({ code: 'custom', path: [field], message: problem.message })
    }
  })
  .openapi('InvoiceRequest')

function invoiceOf(i: z.infer<typeof InvoiceInSchema>): InvoiceRequest {
  return { type: i.type, title: i.title, taxId: i.taxId ?? null, email: i.email }
}

/** The optional order attributes of a place-order body. */
export const orderAttributesShape = {
  channel: z.enum(sourceChannels).optional().openapi({ description: 'Where the order was placed' }),
  delivery: z
    .enum(deliveryMethods)
    .optional()
    .openapi({ description: 'How the goods reach the buyer' }),
  invoice: InvoiceInSchema.optional(),
}

export function attributesFromBody(body: {
  channel?: OrderAttributes['channel'] | undefined
  delivery?: OrderAttributes['delivery'] | undefined
  invoice?: z.infer<typeof InvoiceInSchema> | undefined
}): OrderAttributes {
  return {
    channel: body.channel ?? noAttributes.channel,
    delivery: body.delivery ?? noAttributes.delivery,
    invoice: body.invoice ? invoiceOf(body.invoice) : null,
  }
}

export const OrderAttributesViewSchema = z
  .object({
    channel: z.enum(sourceChannels).nullable(),
    delivery: z.enum(deliveryMethods).nullable(),
    invoice: z
      .object({
        type: z.enum(invoiceTypes),
        title: z.string(),
        taxId: z.string().nullable(),
        email: z.string(),
      })
      .nullable(),
  })
  .openapi('OrderAttributes', {
    description: 'Channel, delivery method and invoice request; null where the buyer said nothing',
  })

export const GiftOutcomeSchema = z
  .object({
    skuId: z.string(),
    qty: z.number().int(),
    promotionIds: z.array(z.string()),
    status: z.enum(giftStatuses),
    lineNo: z.number().int().nullable(),
  })
  .openapi('GiftOutcome', {
    description:
      'added: on the order at price 0; out_of_stock: no serving warehouse had it; unavailable: ' +
      'off sale or cannot ship with this order; not_with_split: the cart ships as several packages',
  })
