import { z } from '@hono/zod-openapi'
import { IdSchema } from './id'

/**
 * `{id}` of an order. Left unconstrained here: the order id's MAC is what is checked, before any
 * actor wakes, so a malformed id answers 404 like any unknown one.
 */
export const OrderIdParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
})

/** `{id}/after-sales/{asId}`: an order and one of its after-sales. */
export const AfterSaleParams = OrderIdParams.extend({
  asId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'asId', in: 'path' } }),
})

/** `{id}` of a record whose id the caller chose (SKU, store, warehouse, promotion, ...). */
export const IdParams = z.object({ id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }) })
