import { createRouter } from '../../http/router'
import { merchantActionsRouter } from './actions'
import { afterSaleReturnsRouter } from './after-sale-returns'
import { merchantAfterSalesRouter } from './after-sales'

/** `/v1/merchant/orders`: a seller's work on the orders of its store. */
export const merchantOrdersRouter = createRouter()
  .route('/', merchantActionsRouter)
  .route('/', merchantAfterSalesRouter)
  .route('/', afterSaleReturnsRouter)
