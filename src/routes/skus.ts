import { createRoute } from '@hono/zod-openapi'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { jsonResponse } from '../http/schemas/json'
import { IdParams } from '../http/schemas/params'
import { SkuSchema } from '../http/schemas/sku'
import { loadSku, skuView } from '../http/views/sku-view'

/** `/v1/skus`: the catalog as a storefront reads it, without a token. */
export const skusRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['catalog'],
    summary: 'A SKU as the catalog sells it now',
    security: [],
    request: { params: IdParams },
    responses: { 200: jsonResponse(SkuSchema, 'The SKU'), ...errorResponses(400, 404) },
  }),
  async (c) => c.json(skuView(await loadSku(c.env.DB, c.req.valid('param').id)), 200),
)
