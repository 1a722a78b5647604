import { createRouter } from '../../../http/router'
import { activityReportsRouter } from './activity'
import { reconciliationReportRouter } from './reconciliation'
import { salesReportsRouter } from './sales'

/**
 * `GET /v1/admin/reports/:name` for sales, top-skus, status-funnel, after-sales and
 * reconciliation: one route per report, so each documents and validates its own query. An
 * unknown name falls through to the JSON 404.
 */
export const reportsRouter = createRouter()
  .route('/', salesReportsRouter)
  .route('/', activityReportsRouter)
  .route('/', reconciliationReportRouter)
