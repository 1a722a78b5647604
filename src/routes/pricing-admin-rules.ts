import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { addressFingerprint, phoneFingerprint } from '../checkout/fingerprints'
import type { FreightRegionRule } from '../domain/pricing/types'
import { AppError } from '../errors'
import { createRouter } from '../http/router'
import { errorResponses, IdSchema, jsonBody, jsonResponse, MoneySchema } from '../http/schemas'
import { findStore } from '../store/catalog'
import { addToBlacklist, type BlacklistKind, removeFromBlacklist } from '../store/pricing-blacklist'
import { evictPricingRules } from '../store/pricing-cache'
import {
  type FreightRecord,
  findFreightTemplate,
  putFreightTemplate,
} from '../store/pricing-config'
import { IdParams, MoneyInSchema } from './pricing-schemas'

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

const reason = z.string().max(200).optional()

const BlacklistBodySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('buyer'), userId: z.string().min(1).max(128), reason }).strict(),
    z.object({ kind: z.literal('phone'), phone: z.string().min(3).max(32), reason }).strict(),
    z
      .object({
        kind: z.literal('address'),
        reason,
        address: z
          .object({
            region: z.string().min(2).max(16),
            city: z.string().min(1).max(100),
            line1: z.string().min(1).max(300),
          })
          .strict(),
      })
      .strict(),
  ])
  .openapi('BlacklistEntry', {
    description: 'Phones and addresses are stored as SHA-256 fingerprints, never in clear',
  })

const BlacklistViewSchema = z.object({
  kind: z.enum(['buyer', 'phone', 'address']),
  value: z.string().openapi({ description: 'The buyer id or the fingerprint; DELETE uses it' }),
})

async function blacklistValue(b: z.infer<typeof BlacklistBodySchema>): Promise<string> {
  if (b.kind === 'buyer') return b.userId
  if (b.kind === 'phone') return phoneFingerprint(b.phone)
  return addressFingerprint(b.address)
}

export const pricingRulesAdminRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/admin/freight-templates/{id}',
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
      path: '/v1/admin/freight-templates/{id}',
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
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/blacklist',
      tags: ['admin', 'pricing'],
      summary: 'Block a buyer, a phone or an address from ordering',
      middleware: [auth('admin')] as const,
      request: { body: jsonBody(BlacklistBodySchema) },
      responses: {
        201: jsonResponse(BlacklistViewSchema, 'The entry'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const value = await blacklistValue(body)
      const entry = { kind: body.kind, value, reason: body.reason ?? null, createdAt: Date.now() }
      await addToBlacklist(c.env.DB, entry)
      evictPricingRules()
      return c.json({ kind: body.kind, value }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/admin/blacklist/{kind}/{value}',
      tags: ['admin', 'pricing'],
      summary: 'Lift a block (value: the buyer id or the fingerprint the POST answered)',
      middleware: [auth('admin')] as const,
      request: {
        params: z.object({
          kind: z
            .enum(['buyer', 'phone', 'address'])
            .openapi({ param: { name: 'kind', in: 'path' } }),
          value: z
            .string()
            .min(1)
            .max(128)
            .openapi({ param: { name: 'value', in: 'path' } }),
        }),
      },
      responses: {
        200: jsonResponse(BlacklistViewSchema, 'The entry removed'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { kind, value } = c.req.valid('param')
      if (!(await removeFromBlacklist(c.env.DB, kind as BlacklistKind, value))) {
        throw new AppError('NOT_FOUND', `no ${kind} ${value} on the blacklist`)
      }
      evictPricingRules()
      return c.json({ kind, value }, 200)
    },
  )
