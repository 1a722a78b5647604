import { createRouter } from '../../http/router'
import { blacklistRouter } from './blacklist'
import { couponTemplatesRouter } from './coupon-templates'
import { freightTemplatesRouter } from './freight-templates'
import { heldPaymentsRouter } from './held-payments'
import { memberLevelsRouter, membersRouter, pointsPolicyRouter } from './members'
import { adminOrdersRouter } from './orders'
import { processesRouter } from './processes'
import { promotionsRouter } from './promotions'
import { reconciliationRouter } from './reconciliation'
import { reportsRouter } from './reports'
import { adminSkusRouter } from './skus'
import { adminStockRouter } from './stock'
import { adminStoresRouter } from './stores'
import { warehousesRouter } from './warehouses'

/** `/v1/admin`: the back office, one resource per prefix. */
export const adminRouter = createRouter()
  .route('/orders', adminOrdersRouter)
  .route('/stores', adminStoresRouter)
  .route('/skus', adminSkusRouter)
  .route('/warehouses', warehousesRouter)
  .route('/stock', adminStockRouter)
  .route('/promotions', promotionsRouter)
  .route('/coupon-templates', couponTemplatesRouter)
  .route('/members', membersRouter)
  .route('/member-levels', memberLevelsRouter)
  .route('/points-policy', pointsPolicyRouter)
  .route('/freight-templates', freightTemplatesRouter)
  .route('/blacklist', blacklistRouter)
  .route('/payments', heldPaymentsRouter)
  .route('/processes', processesRouter)
  .route('/reports', reportsRouter)
  .route('/reconciliation', reconciliationRouter)
