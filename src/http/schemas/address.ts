// Loaded for its side effect: it gives zod schemas the .openapi() used below.
import '@hono/zod-openapi'
import { addressSchema } from '../../domain/address'

/** Where an order ships to: the domain's rule, named and exemplified for the OpenAPI document. */
export const AddressSchema = addressSchema
  .extend({
    region: addressSchema.shape.region.openapi({ example: 'CN-31' }),
  })
  .openapi('Address')

/** The place of an address without the person: what a blacklist entry fingerprints. */
export const AddressPlaceSchema = addressSchema.pick({ region: true, city: true, line1: true })
