import { createRouter } from '../../http/router'
import { orderActionsRouter } from './actions'
import { orderAfterSalesRouter } from './after-sales'
import { orderCancelLinesRouter } from './cancel-lines'
import { orderPaymentsRouter } from './payments'
import { orderPlacementRouter } from './place'
import { orderReadsRouter } from './read'

/** `/v1/orders`: placing an order, reading it, and everything its buyer does to it afterwards. */
export const ordersRouter = createRouter()
  .route('/', orderPlacementRouter)
  .route('/', orderReadsRouter)
  .route('/', orderActionsRouter)
  .route('/', orderCancelLinesRouter)
  .route('/', orderPaymentsRouter)
  .route('/', orderAfterSalesRouter)
