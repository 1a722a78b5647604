import { z } from '@hono/zod-openapi'
import { subscriptionStatuses } from '../../domain/subscription/types'
import { AddressSchema } from './address'
import { IdSchema } from './id'
import { LabelSchema } from './label'
import { MoneySchema } from './money'
import { QuoteRequestSchema } from './quote'

export const CreateSubscriptionSchema = z
  .object({
    storeId: IdSchema.openapi({ description: 'The store every line is sold by' }),
    lines: QuoteRequestSchema.shape.lines,
    address: AddressSchema,
    period: z
      .union([
        z
          .string()
          .regex(/^P[1-9][0-9]{0,2}[DWMY]$/, 'must be an ISO-8601 duration: PnD, PnW, PnM or PnY'),
        z.number().int().min(1).max(999),
      ])
      .openapi({ description: 'P1W, P1M, P14D, P1Y, or a number of days', example: 'P1M' }),
    cycles: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .nullable()
      .optional()
      .openapi({ description: 'Deliveries in all; null or absent runs until cancelled' }),
    pricePerCycle: MoneySchema.openapi({
      description: "Each cycle's payable as quoted now; a cycle whose price moved is not charged",
    }),
    paymentMethod: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,60}$/, 'must be a saved payment method id (pm_…)')
      .openapi({ description: 'The saved payment method each renewal is charged to' }),
    startAt: z.iso
      .datetime()
      .optional()
      .openapi({ description: 'When the first cycle is placed; now when absent' }),
  })
  .strict()
  .openapi('CreateSubscription')

export const SubscriptionViewSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    storeId: z.string(),
    status: z.enum(subscriptionStatuses),
    labels: z.object({
      buyer: LabelSchema,
      merchant: LabelSchema,
      warehouse: LabelSchema,
      service: LabelSchema,
    }),
    plan: z.object({
      period: z.string(),
      cycles: z.number().int().nullable(),
      pricePerCycle: MoneySchema,
      lines: z.array(z.object({ skuId: z.string(), qty: z.number().int() })),
      address: AddressSchema,
      paymentMethod: z.string(),
    }),
    cyclesDone: z.number().int(),
    cyclesLeft: z.number().int().nullable(),
    nextRenewalAt: z.string().nullable(),
    failedAttempts: z.number().int().openapi({ description: 'Declined renewals of this cycle' }),
    lastFailure: z
      .object({
        code: z.string(),
        message: z.string(),
        orderId: z.string().nullable(),
        at: z.string(),
      })
      .nullable(),
    deliveries: z.array(
      z.object({
        cycle: z.number().int(),
        orderId: z.string(),
        amount: MoneySchema,
        at: z.string(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Subscription')

export const SubscriptionSummarySchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    storeId: z.string(),
    status: z.enum(subscriptionStatuses),
    period: z.string(),
    cycles: z.number().int().nullable(),
    cyclesDone: z.number().int(),
    pricePerCycle: MoneySchema,
    nextRenewalAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SubscriptionSummary')
