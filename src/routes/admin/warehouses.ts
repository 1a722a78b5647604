import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { IdParams } from '../../http/schemas/params'
import { evictStockPlans, upsertWarehouse } from '../../store/inventory'

const RegionSchema = z.string().regex(/^(\*|[A-Z]{2}(-[A-Z0-9]{1,8})?)$/, "a region code or '*'")

const WarehouseSchema = z
  .object({
    name: z.string().min(1).max(200),
    active: z.boolean().default(true),
    regions: z
      .array(z.object({ region: RegionSchema, priority: z.number().int().min(0).max(10_000) }))
      .max(500),
  })
  .strict()
  .openapi('Warehouse')

/** `/v1/admin/warehouses`: warehouses and the regions each serves. */
export const warehousesRouter = createRouter().openapi(
  createRoute({
    method: 'put',
    path: '/{id}',
    tags: ['stock'],
    summary: 'Create or replace a warehouse and the regions it serves (lower priority first)',
    middleware: [auth('admin')] as const,
    request: { params: IdParams, body: jsonBody(WarehouseSchema) },
    responses: {
      200: jsonResponse(WarehouseSchema.extend({ id: z.string() }), 'The warehouse'),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const warehouse = { id: c.req.valid('param').id, ...c.req.valid('json') }
    if (warehouse.id === 'limit') throw new AppError('VALIDATION_FAILED', "'limit' is reserved")
    await upsertWarehouse(c.env.DB, warehouse, Date.now())
    evictStockPlans()
    return c.json(warehouse, 200)
  },
)
