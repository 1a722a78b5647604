import { z } from '@hono/zod-openapi'
import { orderAfterSaleStates } from '../../domain/after-sale/order-state'

/** An order's after-sale sub-state, beside its main status. */
export const afterSaleStateSchema = z.enum(orderAfterSaleStates).openapi({
  description:
    'After-sales under way: refunding (a refund only), in_after_sale (a return or exchange)',
})

/** `afterSale=open`: the lists' "after-sale" tab, orders with an after-sale under way. */
export const afterSaleFilter = z
  .enum(['open'])
  .optional()
  .openapi({ description: 'open: only orders with an after-sale under way' })
