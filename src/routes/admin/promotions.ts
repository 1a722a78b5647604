import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { isGiftRule } from '../../domain/pricing/gifts'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { IdParams } from '../../http/schemas/params'
import { PromotionRuleSchema, ScopeSchema, TimeSchema } from '../../http/schemas/pricing'
import { scopeView } from '../../http/views/coupon-view'
import { findStore } from '../../store/catalog'
import { evictPricingRules } from '../../store/pricing-cache'
import {
  findPromotion,
  insertPromotion,
  listPromotions,
  type PromotionFields,
  type PromotionRecord,
  updatePromotion,
} from '../../store/pricing-catalog'
import { giftRuleCurrency } from './gift-rule'
import { invalid, oneCurrency, ruleMonies, ruleView, toIso, toMs } from './pricing-fields'

const PromotionBodySchema = z
  .object({
    title: z.string().min(1).max(200),
    level: z.enum(['store', 'platform']),
    storeId: IdSchema.nullable().optional().openapi({ description: 'required for level store' }),
    rule: PromotionRuleSchema,
    scope: ScopeSchema.optional(),
    minMemberLevel: z.number().int().min(0).max(1000).optional(),
    startsAt: TimeSchema,
    endsAt: TimeSchema,
    priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    exclusive: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict()

type PromotionBody = z.infer<typeof PromotionBodySchema>

const CreatePromotionSchema = PromotionBodySchema.extend({ id: IdSchema })
  .strict()
  .openapi('CreatePromotion')
const UpdatePromotionSchema = PromotionBodySchema.partial().strict().openapi('UpdatePromotion')

const PromotionSchema = PromotionBodySchema.extend({
  id: z.string(),
  storeId: z.string().nullable(),
  scope: ScopeSchema,
  minMemberLevel: z.number().int(),
  priority: z.number().int(),
  exclusive: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
}).openapi('Promotion')

function promotionView(p: PromotionRecord): z.infer<typeof PromotionSchema> {
  const { currency: _c, startsAt, endsAt, rule, scope, ...rest } = p
  const times = { startsAt: toIso(startsAt), endsAt: toIso(endsAt) }
  return { ...rest, ...times, rule: ruleView(rule), scope: scopeView(scope) }
}

/** Checks what the schema cannot see alone: level vs store, window order, one currency. */
async function checkedFields(db: D1Database, f: Omit<PromotionFields, 'currency'>) {
  if ((f.level === 'store') !== (f.storeId !== null)) {
    throw invalid('storeId', 'a store promotion names its store; a platform one names none')
  }
  if (f.endsAt <= f.startsAt) throw invalid('endsAt', 'must be after startsAt')
  const currency = isGiftRule(f.rule)
    ? await giftRuleCurrency(db, f.rule, f.storeId)
    : oneCurrency(ruleMonies(f.rule))
  if (currency === null) throw invalid('rule', 'every amount must be in one currency')
  if (f.storeId !== null) {
    const store = await findStore(db, f.storeId)
    if (!store) throw invalid('storeId', `no store ${f.storeId}`)
    if (store.currency !== currency) throw invalid('rule', `store sells in ${store.currency}`)
  }
  return { ...f, currency }
}

/** A promotion's fields with what a body sets laid over them; absent keys keep their value. */
function merged(base: Omit<PromotionFields, 'currency'>, b: Partial<PromotionBody>) {
  return {
    title: b.title ?? base.title,
    level: b.level ?? base.level,
    storeId: b.storeId === undefined ? base.storeId : b.storeId,
    rule: b.rule ?? base.rule,
    scope: b.scope ?? base.scope,
    minMemberLevel: b.minMemberLevel ?? base.minMemberLevel,
    startsAt: b.startsAt === undefined ? base.startsAt : toMs(b.startsAt),
    endsAt: b.endsAt === undefined ? base.endsAt : toMs(b.endsAt),
    priority: b.priority ?? base.priority,
    exclusive: b.exclusive ?? base.exclusive,
    active: b.active ?? base.active,
  }
}

/** A new promotion: what the body gives, defaults for the rest. */
function fromBody(b: PromotionBody) {
  const { title, level, rule } = b
  const [startsAt, endsAt] = [toMs(b.startsAt), toMs(b.endsAt)]
  const base = { title, level, rule, startsAt, endsAt, storeId: null, scope: {} }
  return merged({ ...base, minMemberLevel: 0, priority: 0, exclusive: false, active: true }, b)
}

async function loadPromotion(db: D1Database, id: string): Promise<PromotionRecord> {
  const found = await findPromotion(db, id)
  if (!found) throw new AppError('NOT_FOUND', `no promotion ${id}`)
  return found
}

const PageSchema = z.object({ items: z.array(PromotionSchema), nextCursor: z.string().nullable() })

/** `/v1/admin/promotions`: store and platform promotions. */
export const promotionsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'Create a promotion (store or platform level)',
      middleware: [auth('admin')] as const,
      request: { body: jsonBody(CreatePromotionSchema) },
      responses: {
        201: jsonResponse(PromotionSchema, 'The promotion'),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { id, ...body } = c.req.valid('json')
      const fields = await checkedFields(c.env.DB, fromBody(body))
      if (!(await insertPromotion(c.env.DB, id, fields, Date.now()))) {
        throw new AppError('CONFLICT', `promotion ${id} already exists`)
      }
      evictPricingRules()
      return c.json(promotionView(await loadPromotion(c.env.DB, id)), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['admin', 'pricing'],
      summary: "Change a promotion's fields (end it early with active: false)",
      middleware: [auth('admin')] as const,
      request: { params: IdParams, body: jsonBody(UpdatePromotionSchema) },
      responses: {
        200: jsonResponse(PromotionSchema, 'The promotion'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { version: _v, currency: _c, id: _id, ...current } = await loadPromotion(c.env.DB, id)
      const fields = await checkedFields(c.env.DB, merged(current, c.req.valid('json')))
      await updatePromotion(c.env.DB, id, fields, Date.now())
      evictPricingRules()
      return c.json(promotionView(await loadPromotion(c.env.DB, id)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['admin', 'pricing'],
      summary: 'A promotion',
      middleware: [auth('admin')] as const,
      request: { params: IdParams },
      responses: {
        200: jsonResponse(PromotionSchema, 'The promotion'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(promotionView(await loadPromotion(c.env.DB, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'Promotions by id; filter by store, or to those running now',
      middleware: [auth('admin')] as const,
      request: {
        query: z.object({
          storeId: IdSchema.optional(),
          running: z.enum(['true', 'false']).optional(),
          cursor: IdSchema.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
      responses: { 200: jsonResponse(PageSchema, 'A page'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const rows = await listPromotions(c.env.DB, {
        ...(q.storeId ? { storeId: q.storeId } : {}),
        ...(q.running === 'true' ? { runningAt: Date.now() } : {}),
        ...(q.cursor ? { after: q.cursor } : {}),
        limit: q.limit + 1,
      })
      const page = rows.slice(0, q.limit)
      const nextCursor = rows.length > q.limit ? (page.at(-1)?.id ?? null) : null
      return c.json({ items: page.map(promotionView), nextCursor }, 200)
    },
  )
