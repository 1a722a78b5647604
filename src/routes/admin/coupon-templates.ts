import { createRoute, z } from '@hono/zod-openapi'
import type { IssueCoupon } from '../../../durable-objects/wallet/client'
import { auth } from '../../auth/authenticate'
import type { Money } from '../../domain/money'
import type { CouponBenefit } from '../../domain/pricing/types'
import { AppError, unwrap } from '../../errors'
import { createRouter } from '../../http/router'
import { CouponViewSchema } from '../../http/schemas/coupon'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MoneyInSchema, MoneySchema } from '../../http/schemas/money'
import { IdParams } from '../../http/schemas/params'
import { CouponBenefitSchema, ScopeSchema, TimeSchema } from '../../http/schemas/pricing'
import { couponView, scopeView } from '../../http/views/coupon-view'
import { newId, sha256Hex } from '../../ids'
import {
  countIssued,
  findTemplate,
  insertTemplate,
  type TemplateRecord,
} from '../../store/pricing-templates'
import { invalid, oneCurrency, toIso, toMs } from './pricing-fields'

const DAY_MS = 86_400_000

const CreateTemplateSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1).max(200),
    threshold: MoneyInSchema,
    benefit: CouponBenefitSchema,
    scope: ScopeSchema.optional(),
    stacking: z.enum(['stackable', 'exclusive']),
    startsAt: TimeSchema,
    endsAt: TimeSchema,
    validDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict()
  .openapi('CreateCouponTemplate')

const TemplateSchema = CreateTemplateSchema.extend({
  threshold: MoneySchema,
  benefit: CouponViewSchema.shape.benefit,
  scope: CouponViewSchema.shape.scope,
  validDays: z.number().int().nullable(),
  issuedCount: z.number().int(),
}).openapi('CouponTemplate')

const IssueSchema = z
  .object({ userId: z.string().min(1).max(128).openapi({ example: 'alice' }) })
  .strict()
  .openapi('IssueCoupon')

function templateView(t: TemplateRecord): z.infer<typeof TemplateSchema> {
  const { terms } = t
  return {
    id: t.id,
    title: t.title,
    threshold: terms.threshold,
    benefit: terms.benefit,
    scope: scopeView(terms.scope),
    stacking: terms.stacking,
    startsAt: toIso(terms.startsAt),
    endsAt: toIso(terms.endsAt),
    validDays: t.validDays,
    issuedCount: t.issuedCount,
  }
}

function benefitMonies(b: CouponBenefit): Money[] {
  if (b.kind === 'amount_off') return [b.amountOff]
  return b.cap ? [b.cap] : []
}

/** The coupon a template gives now: from now (or its start) for validDays, within its window. */
function couponFrom(t: TemplateRecord, couponId: string, now: number): IssueCoupon {
  const startsAt = Math.max(now, t.terms.startsAt)
  const last = t.validDays === null ? t.terms.endsAt : startsAt + t.validDays * DAY_MS
  return {
    id: couponId,
    title: t.title,
    terms: t.terms,
    startsAt,
    endsAt: Math.min(last, t.terms.endsAt),
  }
}

/** With an Idempotency-Key the coupon id is derived from it, so a retried issue gives one coupon. */
async function couponIdFor(templateId: string, userId: string, key: string | undefined) {
  if (key === undefined) return newId('cpn')
  return `cpn_${(await sha256Hex(`${templateId}\n${userId}\n${key}`)).slice(0, 32)}`
}

async function loadTemplate(db: D1Database, id: string): Promise<TemplateRecord> {
  const found = await findTemplate(db, id)
  if (!found) throw new AppError('NOT_FOUND', `no coupon template ${id}`)
  return found
}

/** `/v1/admin/coupon-templates`: coupon templates, and issuing their coupons to buyers. */
export const couponTemplatesRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'Create a coupon template (terms are copied into each coupon issued)',
      middleware: [auth('admin')] as const,
      request: { body: jsonBody(CreateTemplateSchema) },
      responses: {
        201: jsonResponse(TemplateSchema, 'The template'),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const b = c.req.valid('json')
      const [startsAt, endsAt] = [toMs(b.startsAt), toMs(b.endsAt)]
      if (endsAt <= startsAt) throw invalid('endsAt', 'must be after startsAt')
      const currency = oneCurrency([b.threshold, ...benefitMonies(b.benefit)])
      if (currency === null) throw invalid('benefit', 'every amount must be in one currency')
      const terms = { id: b.id, threshold: b.threshold, benefit: b.benefit, scope: b.scope ?? {} }
      const record = {
        id: b.id,
        title: b.title,
        currency,
        terms: { ...terms, stacking: b.stacking, startsAt, endsAt },
        validDays: b.validDays ?? null,
      }
      if (!(await insertTemplate(c.env.DB, record, Date.now()))) {
        throw new AppError('CONFLICT', `coupon template ${b.id} already exists`)
      }
      return c.json(templateView({ ...record, issuedCount: 0 }), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['admin', 'pricing'],
      summary: 'A coupon template with how many coupons it issued',
      middleware: [auth('admin')] as const,
      request: { params: IdParams },
      responses: {
        200: jsonResponse(TemplateSchema, 'The template'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(templateView(await loadTemplate(c.env.DB, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/issue',
      tags: ['admin', 'pricing'],
      summary: "Issue a coupon of this template into a buyer's wallet",
      middleware: [auth('admin')] as const,
      request: {
        params: IdParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
        body: jsonBody(IssueSchema),
      },
      responses: {
        201: jsonResponse(CouponViewSchema, 'The coupon'),
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const template = await loadTemplate(c.env.DB, c.req.valid('param').id)
      const { userId } = c.req.valid('json')
      const now = Date.now()
      if (now >= template.terms.endsAt) {
        throw new AppError('BUSINESS_RULE', `coupon template ${template.id} has ended`)
      }
      const key = c.req.valid('header')['idempotency-key']
      const coupon = couponFrom(template, await couponIdFor(template.id, userId, key), now)
      const wallet = c.env.WALLET_ACTOR.get(c.env.WALLET_ACTOR.idFromName(userId))
      const issued = unwrap(await wallet.issue(coupon))
      if (!issued.replayed) await countIssued(c.env.DB, template.id, now)
      return c.json(couponView(issued.coupon), 201)
    },
  )
