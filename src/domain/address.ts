import { z } from 'zod'

/**
 * A ship-to address as the system accepts it, wherever it arrives: a checkout body, an address
 * change, a queue message carrying the order to the warehouse. Unknown fields are refused.
 */
export const addressSchema = z
  .object({
    name: z.string().min(1).max(100),
    phone: z.string().min(3).max(32),
    region: z.string().min(2).max(16),
    city: z.string().min(1).max(100),
    line1: z.string().min(1).max(300),
    postalCode: z.string().max(16).optional(),
  })
  .strict()
