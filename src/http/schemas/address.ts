import { z } from '@hono/zod-openapi'

const region = z.string().min(2).max(16)
const city = z.string().min(1).max(100)
const line1 = z.string().min(1).max(300)

/** Where an order ships to. */
export const AddressSchema = z
  .object({
    name: z.string().min(1).max(100),
    phone: z.string().min(3).max(32),
    region: region.openapi({ example: 'CN-31' }),
    city,
    line1,
    postalCode: z.string().max(16).optional(),
  })
  .strict()
  .openapi('Address')

/** The place of an address without the person: what a blacklist entry fingerprints. */
export const AddressPlaceSchema = z.object({ region, city, line1 }).strict()
