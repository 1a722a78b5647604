import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import type { CatalogSku } from '../domain/catalog'
import { isKnownCurrency } from '../domain/money'
import { orderTypes } from '../domain/process/order-types'
import { AppError } from '../errors'
import { createRouter } from '../http/router'
import { errorResponses, IdSchema, jsonBody, jsonResponse, MoneySchema } from '../http/schemas'
import {
  findSkus,
  findStore,
  insertSku,
  type SkuFields,
  updateSku,
  upsertStore,
} from '../store/catalog'
import { evictSku } from '../store/catalog-cache'

const CurrencySchema = z
  .string()
  .length(3)
  .refine(isKnownCurrency, 'must be an ISO 4217 currency code')
  .openapi({ example: 'CNY' })

const PriceSchema = z
  .object({ amount: z.number().int().min(0).max(1_000_000_000_00), currency: CurrencySchema })
  .strict()

const SkuBodySchema = z
  .object({
    storeId: IdSchema,
    title: z.string().min(1).max(200),
    categoryId: IdSchema.nullable().optional(),
    price: PriceSchema,
    weightGrams: z.number().int().min(0).max(1_000_000).optional(),
    volumeCm3: z.number().int().min(0).max(10_000_000).optional(),
    fragile: z.boolean().optional(),
    oversized: z.boolean().optional(),
    onSale: z.boolean().optional(),
    orderType: z.enum(orderTypes).optional(),
    presaleDepositAmount: z.number().int().min(0).nullable().optional(),
    presaleBalanceStartsAt: z.iso.datetime().nullable().optional(),
    crossBorder: z.boolean().optional(),
    shipsAt: z.iso.datetime().nullable().optional(),
  })
  .strict()

type SkuBody = z.infer<typeof SkuBodySchema>

const CreateSkuSchema = SkuBodySchema.extend({ id: IdSchema }).strict().openapi('CreateSku')
const UpdateSkuSchema = SkuBodySchema.partial().strict().openapi('UpdateSku')

const SkuSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    title: z.string(),
    categoryId: z.string().nullable(),
    price: MoneySchema,
    weightGrams: z.number().int(),
    volumeCm3: z.number().int(),
    fragile: z.boolean(),
    oversized: z.boolean(),
    onSale: z.boolean(),
    orderType: z.enum(orderTypes),
    presaleDeposit: MoneySchema.nullable(),
    presaleBalanceStartsAt: z.string().nullable(),
    crossBorder: z.boolean(),
    shipsAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Sku')

const StoreSchema = z
  .object({ name: z.string().min(1).max(200), currency: CurrencySchema })
  .strict()
  .openapi('Store')

function skuView(s: CatalogSku): z.infer<typeof SkuSchema> {
  return {
    id: s.id,
    storeId: s.storeId,
    title: s.title,
    categoryId: s.categoryId,
    price: { amount: s.priceAmount, currency: s.currency },
    weightGrams: s.weightGrams,
    volumeCm3: s.volumeCm3,
    fragile: s.fragile,
    oversized: s.oversized,
    onSale: s.onSale,
    orderType: s.orderType,
    presaleDeposit:
      s.presaleDepositAmount === null
        ? null
        : { amount: s.presaleDepositAmount, currency: s.currency },
    presaleBalanceStartsAt:
      s.presaleBalanceStartsAt === null ? null : new Date(s.presaleBalanceStartsAt).toISOString(),
    crossBorder: s.crossBorder,
    shipsAt: s.shipsAt === null ? null : new Date(s.shipsAt).toISOString(),
    version: s.version,
  }
}

/** Fields of a new SKU: what the body gives, the catalog's defaults for the rest. */
function fieldsOf(body: SkuBody): SkuFields {
  return mergeFields(
    {
      storeId: body.storeId,
      title: body.title,
      categoryId: null,
      priceAmount: body.price.amount,
      currency: body.price.currency,
      weightGrams: 0,
      volumeCm3: 0,
      fragile: false,
      oversized: false,
      onSale: true,
      orderType: 'physical',
      presaleDepositAmount: null,
      presaleBalanceStartsAt: null,
      crossBorder: false,
      shipsAt: null,
    },
    body,
  )
}

/** A SKU's fields with what a body sets laid over them; absent keys keep their value. */
function mergeFields(base: SkuFields, body: Partial<SkuBody>): SkuFields {
  const startsAt = body.presaleBalanceStartsAt
  return {
    storeId: body.storeId ?? base.storeId,
    title: body.title ?? base.title,
    categoryId: body.categoryId === undefined ? base.categoryId : body.categoryId,
    priceAmount: body.price?.amount ?? base.priceAmount,
    currency: body.price?.currency ?? base.currency,
    weightGrams: body.weightGrams ?? base.weightGrams,
    volumeCm3: body.volumeCm3 ?? base.volumeCm3,
    fragile: body.fragile ?? base.fragile,
    oversized: body.oversized ?? base.oversized,
    onSale: body.onSale ?? base.onSale,
    orderType: body.orderType ?? base.orderType,
    presaleDepositAmount:
      body.presaleDepositAmount === undefined
        ? base.presaleDepositAmount
        : body.presaleDepositAmount,
    presaleBalanceStartsAt:
      startsAt === undefined
        ? base.presaleBalanceStartsAt
        : startsAt === null
          ? null
          : Date.parse(startsAt),
    crossBorder: body.crossBorder ?? base.crossBorder,
    shipsAt: body.shipsAt === undefined ? base.shipsAt : parseTime(body.shipsAt),
  }
}

/** A presale deposit is part of the price: more than nothing, less than all of it. */
function assertDepositFits(f: SkuFields): void {
  const deposit = f.presaleDepositAmount
  if (f.orderType !== 'presale' || deposit === null) return
  if (deposit <= 0 || deposit >= f.priceAmount) {
    const message = `body presaleDepositAmount: must be more than 0 and less than the price ${f.priceAmount}`
    throw new AppError('VALIDATION_FAILED', message, {
      field: 'presaleDepositAmount',
      price: f.priceAmount,
    })
  }
}

async function assertStoreFits(db: D1Database, f: SkuFields): Promise<void> {
  assertDepositFits(f)
  const store = await findStore(db, f.storeId)
  if (!store) throw new AppError('VALIDATION_FAILED', `body storeId: no store ${f.storeId}`)
  if (store.currency !== f.currency) {
    throw new AppError('VALIDATION_FAILED', `body price.currency: store sells in ${store.currency}`)
  }
}

async function loadSku(db: D1Database, id: string): Promise<CatalogSku> {
  const [sku] = await findSkus(db, [id])
  if (!sku) throw new AppError('NOT_FOUND', `no SKU ${id}`)
  return sku
}

const skuParams = z.object({ id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }) })

export const catalogRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/skus/{id}',
      tags: ['catalog'],
      summary: 'A SKU as the catalog sells it now',
      security: [],
      request: { params: skuParams },
      responses: { 200: jsonResponse(SkuSchema, 'The SKU'), ...errorResponses(400, 404) },
    }),
    async (c) => c.json(skuView(await loadSku(c.env.DB, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/admin/stores/{id}',
      tags: ['admin'],
      summary: 'Create or update a store',
      middleware: [auth('admin')] as const,
      request: { params: skuParams, body: jsonBody(StoreSchema) },
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
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/skus',
      tags: ['admin'],
      summary: 'Create a SKU',
      middleware: [auth('admin')] as const,
      request: { body: jsonBody(CreateSkuSchema) },
      responses: { 201: jsonResponse(SkuSchema, 'The SKU'), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { id, ...body } = c.req.valid('json')
      const fields = fieldsOf(body)
      await assertStoreFits(c.env.DB, fields)
      if (!(await insertSku(c.env.DB, id, fields, Date.now()))) {
        throw new AppError('CONFLICT', `SKU ${id} already exists`)
      }
      evictSku(id)
      return c.json(skuView(await loadSku(c.env.DB, id)), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/admin/skus/{id}',
      tags: ['admin'],
      summary: "Change a SKU's fields (price, on-sale, ...); existing orders keep their snapshot",
      middleware: [auth('admin')] as const,
      request: { params: skuParams, body: jsonBody(UpdateSkuSchema) },
      responses: { 200: jsonResponse(SkuSchema, 'The SKU'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id
      const { id: _id, version: _v, ...current } = await loadSku(c.env.DB, id)
      const fields = mergeFields(current, c.req.valid('json'))
      await assertStoreFits(c.env.DB, fields)
      await updateSku(c.env.DB, id, fields, Date.now())
      evictSku(id)
      return c.json(skuView(await loadSku(c.env.DB, id)), 200)
    },
  )

function parseTime(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso)
}
