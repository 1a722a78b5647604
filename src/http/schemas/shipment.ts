import { z } from '@hono/zod-openapi'

/** A parcel handed to a carrier: who carries it and the number to track it by. */
export const ShipSchema = z
  .object({
    carrier: z.string().min(1).max(64).openapi({ example: 'SF' }),
    trackingNumber: z.string().min(1).max(64).openapi({ example: 'SF1234567890' }),
  })
  .strict()
  .openapi('Ship')
