import { z } from '@hono/zod-openapi'

/** An id a caller chooses (SKU, store, warehouse, promotion, ...): short, URL-safe. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -')
