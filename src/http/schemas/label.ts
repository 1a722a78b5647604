import { z } from '@hono/zod-openapi'

/** A status as a person reads it, in English and Chinese. */
export const LabelSchema = z.object({ en: z.string(), zh: z.string() })

/** A status's label for each perspective that reads it. */
export const PerspectiveLabelsSchema = z.object({
  buyer: LabelSchema,
  merchant: LabelSchema,
  warehouse: LabelSchema,
  service: LabelSchema,
})
