import { z } from '@hono/zod-openapi'
import { MoneySchema } from './money'

/** Response shapes of the admin reports, for validation-free documentation in /openapi.json. */

const RangeFields = { from: z.string(), to: z.string(), tz: z.number().int() }

const Discounts = z.object({
  member: MoneySchema,
  store: MoneySchema,
  platform: MoneySchema,
  coupon: MoneySchema,
  points: MoneySchema,
})

const SalesRow = z.object({
  key: z.string().openapi({ description: 'The day (YYYY-MM-DD), store id or SKU id' }),
  title: z.string().nullable(),
  currency: z.string(),
  orders: z.number().int(),
  units: z.number().int(),
  paid: MoneySchema,
  items: MoneySchema,
  discounts: Discounts,
  freight: MoneySchema.nullable(),
  refunds: MoneySchema.nullable(),
  latePaymentRefunds: MoneySchema.nullable(),
  net: MoneySchema.nullable(),
})

export const SalesReportSchema = z
  .object({
    report: z.literal('sales'),
    ...RangeFields,
    groupBy: z.enum(['day', 'store', 'sku']),
    rows: z.array(SalesRow),
    totals: z.array(SalesRow),
  })
  .openapi('SalesReport')

export const TopSkusReportSchema = z
  .object({
    report: z.literal('top-skus'),
    ...RangeFields,
    by: z.enum(['amount', 'units']),
    rows: z.array(
      z.object({
        rank: z.number().int(),
        skuId: z.string(),
        title: z.string(),
        currency: z.string(),
        orders: z.number().int(),
        units: z.number().int(),
        paid: MoneySchema,
        items: MoneySchema,
      }),
    ),
  })
  .openapi('TopSkusReport')

export const FunnelReportSchema = z
  .object({
    report: z.literal('status-funnel'),
    ...RangeFields,
    types: z.array(
      z.object({
        type: z.string(),
        placed: z.number().int(),
        statuses: z.array(z.object({ status: z.string(), orders: z.number().int() })),
        steps: z.array(
          z.object({
            from: z.string(),
            to: z.string(),
            orders: z.number().int(),
            medianMs: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .openapi('StatusFunnelReport')

const bps = z.number().int().nullable()

export const AfterSalesReportSchema = z
  .object({
    report: z.literal('after-sales'),
    ...RangeFields,
    groupBy: z.enum(['type', 'reason', 'store']),
    rows: z.array(
      z.object({
        key: z.string(),
        currency: z.string(),
        count: z.number().int(),
        succeeded: z.number().int(),
        rejected: z.number().int(),
        open: z.number().int(),
        ordersInAfterSale: z
          .number()
          .int()
          .openapi({ description: 'Orders with one of these after-sales still open' }),
        paidOrders: z.number().int(),
        rateBps: bps.openapi({ description: 'After-sales per 10,000 paid orders' }),
        succeededBps: bps,
        rejectedBps: bps,
        refunded: MoneySchema,
        requested: MoneySchema,
      }),
    ),
  })
  .openapi('AfterSalesReport')

export const MismatchSchema = z
  .object({
    id: z.string(),
    kind: z.enum([
      'PAID_NOT_MARKED',
      'MARKED_PAID_NO_PAYMENT',
      'AMOUNT_MISMATCH',
      'REFUND_MISMATCH',
      'HELD_TOO_LONG',
    ]),
    status: z.enum(['open', 'healed', 'resolved']),
    orderId: z.string(),
    paymentId: z.string().nullable(),
    refundId: z.string().nullable(),
    expected: MoneySchema.nullable(),
    actual: MoneySchema.nullable(),
    detail: z.string(),
    at: z.string(),
    healOutcome: z.string().nullable(),
  })
  .openapi('ReconciliationMismatch')

export const RunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['cron', 'manual']),
    from: z.string(),
    to: z.string(),
    status: z.string(),
    found: z.number().int(),
    healed: z.number().int(),
    resolved: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ReconciliationRun')

export const ReconciliationReportSchema = z
  .object({
    report: z.literal('reconciliation'),
    ...RangeFields,
    byKind: z.record(z.string(), z.number().int()),
    open: z.array(MismatchSchema),
    lastRun: RunSchema.nullable(),
  })
  .openapi('ReconciliationReport')
