import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { orderTypes } from '../../domain/process/order-types'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { CurrencyCodeSchema } from '../../http/schemas/money'
import { IdParams } from '../../http/schemas/params'
import { SkuSchema } from '../../http/schemas/sku'
import { loadSku, skuView } from '../../http/views/sku-view'
import { findStore, insertSku, type SkuFields, updateSku } from '../../store/catalog'
import { evictSku } from '../../store/catalog-cache'

const PriceSchema = z
  .object({
    amount: z.number().int().min(0).max(1_000_000_000_00),
    currency: CurrencyCodeSchema.openapi({ example: 'CNY' }),
  })
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

/** `/v1/admin/skus`: creating and changing what the catalog sells. */
export const adminSkusRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
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
      path: '/{id}',
      tags: ['admin'],
      summary: "Change a SKU's fields (price, on-sale, ...); existing orders keep their snapshot",
      middleware: [auth('admin')] as const,
      request: { params: IdParams, body: jsonBody(UpdateSkuSchema) },
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
