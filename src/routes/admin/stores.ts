import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { AddressSchema } from '../../http/schemas/address'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { CurrencyCodeSchema } from '../../http/schemas/money'
import { IdParams } from '../../http/schemas/params'
import { upsertStore } from '../../store/catalog'

const StoreSchema = z
  .object({
    name: z.string().min(1).max(200),
    currency: CurrencyCodeSchema.openapi({ example: 'CNY' }),
    returnAddress: AddressSchema.optional().openapi({
      description:
        'Where the store takes goods back. An approval of a return, an exchange or a repair that ' +
        'names no address uses it, the 48-hour review timer included; absent, it is cleared',
    }),
  })
  .strict()
  .openapi('Store')

/** `/v1/admin/stores`: the stores SKUs belong to, each selling in one currency. */
export const adminStoresRouter = createRouter().openapi(
  createRoute({
    method: 'put',
    path: '/{id}',
    tags: ['admin'],
    summary: 'Create or update a store',
    middleware: [auth('admin')] as const,
    request: { params: IdParams, body: jsonBody(StoreSchema) },
    responses: {
      200: jsonResponse(StoreSchema.extend({ id: z.string() }), 'The store'),
      ...errorResponses(400, 401, 403, 409),
    },
  }),
  async (c) => {
    const store = { id: c.req.valid('param').id, ...c.req.valid('json') }
    if (!(await upsertStore(c.env.DB, store, Date.now()))) {
      const message = `body currency: store ${store.id} has SKUs priced in another currency`
      throw new AppError('CONFLICT', message, { field: 'currency', storeId: store.id })
    }
    return c.json(store, 200)
  },
)
