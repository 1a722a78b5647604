import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import type { FreightRegionRule } from '../../domain/pricing/types'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MoneyInSchema, MoneySchema } from '../../http/schemas/money'
import { IdParams } from '../../http/schemas/params'
import { findStore } from '../../store/catalog'
import { evictPricingRules } from '../../store/pricing-cache'
import {
  type FreightRecord,
  findFreightTemplate,
  putFreightTemplate,
} from '../../store/pricing-config'

const RegionSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/, 'a region code like CN-31')

const FreightRuleSchema = z
  .object({
    regions: z.union([z.literal('*'), z.array(RegionSchema).min(1).max(500)]).openapi({
      description: "Region codes, or '*' for every region no other rule names",
    }),
    firstWeightGrams: z.number().int().min(0).max(1_000_000),
    firstWeightPrice: MoneyInSchema,
    stepGrams: z.number().int().min(1).max(1_000_000),
    stepPrice: MoneyInSchema,
    freeOver: MoneyInSchema.optional(),
  })
  .strict()

const FreightBodySchema = z
  .object({
    storeId: IdSchema,
    warehouseId: IdSchema.nullable().optional(),
    rules: z.array(FreightRuleSchema).min(1).max(100),
  })
  .strict()
  .openapi('FreightTemplateBody')

const FreightRuleView = FreightRuleSchema.extend({
  firstWeightPrice: MoneySchema,
  stepPrice: MoneySchema,
  freeOver: MoneySchema.optional(),
})

const FreightSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    warehouseId: z.string().nullable(),
    rules: z.array(FreightRuleView),
    version: z.number().int(),
  })
  .openapi('FreightTemplate')

function freightView(t: FreightRecord): z.infer<typeof FreightSchema> {
  const rules = t.rules.map((r) => ({
    ...r,
    regions: r.regions === '*' ? ('*' as const) : [...r.regions],
  }))
  const { id, storeId, version } = t
  return { id, storeId, warehouseId: t.warehouseId ?? null, rules, version }
}

function ruleMonies(r: FreightRegionRule) {
  return [r.firstWeightPrice, r.stepPrice, ...(r.freeOver ? [r.freeOver] : [])]
}

/** `/v1/admin/freight-templates`: what shipping costs, per store or warehouse and region. */
export const freightTemplatesRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      tags: ['admin', 'pricing'],
      summary: "Create or replace a store's (or one of its warehouses') freight template",
      middleware: [auth('admin')] as const,
      request: { params: IdParams, body: jsonBody(FreightBodySchema) },
      responses: {
        200: jsonResponse(FreightSchema, 'The template'),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { storeId, warehouseId, rules } = c.req.valid('json')
      const store = await findStore(c.env.DB, storeId)
      if (!store) throw new AppError('VALIDATION_FAILED', `body storeId: no store ${storeId}`)
      if (rules.flatMap(ruleMonies).some((m) => m.currency !== store.currency)) {
        throw new AppError('VALIDATION_FAILED', `body rules: store prices in ${store.currency}`)
      }
      const where = warehouseId ? { warehouseId } : {}
      const template = { id, storeId, ...where, currency: store.currency, rules }
      if (!(await putFreightTemplate(c.env.DB, template, Date.now()))) {
        const origin = warehouseId ? `warehouse ${warehouseId} of ${storeId}` : `store ${storeId}`
        throw new AppError('CONFLICT', `another freight template already prices ${origin}`)
      }
      evictPricingRules()
      const saved = await findFreightTemplate(c.env.DB, id)
      if (!saved) throw new AppError('INTERNAL', 'freight template vanished after write')
      return c.json(freightView(saved), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['admin', 'pricing'],
      summary: 'A freight template',
      middleware: [auth('admin')] as const,
      request: { params: IdParams },
      responses: {
        200: jsonResponse(FreightSchema, 'The template'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const found = await findFreightTemplate(c.env.DB, id)
      if (!found) throw new AppError('NOT_FOUND', `no freight template ${id}`)
      return c.json(freightView(found), 200)
    },
  )
