import { z } from '@hono/zod-openapi'
import { IdSchema } from './id'

const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .openapi({ description: 'A date (YYYY-MM-DD, local to tz) or an ISO 8601 instant' })

/** The query every report takes: a half-open range, a day boundary, store and currency. */
export const reportQuery = {
  from: instant.optional().openapi({ example: '2026-04-01' }),
  to: instant.optional().openapi({ description: 'Exclusive; default now', example: '2026-05-01' }),
  tz: z.coerce
    .number()
    .int()
    .min(-840)
    .max(840)
    .default(0)
    .openapi({ description: 'Minutes east of UTC where a day starts (480 for China)' }),
  storeId: IdSchema.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
    .optional(),
}
