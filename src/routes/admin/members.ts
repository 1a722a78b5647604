import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import type { Env } from '../../env'
import { AppError, unwrap } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { evictPricingRules } from '../../store/pricing-cache'
import {
  findPointsPolicy,
  listMemberLevels,
  putMemberLevel,
  putPointsPolicy,
} from '../../store/pricing-config'

const UserParams = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'userId', in: 'path' } }),
})
const LevelParams = z.object({
  level: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .openapi({ param: { name: 'level', in: 'path' } }),
})

const MemberBodySchema = z
  .object({ level: z.number().int().min(0).max(1000).openapi({ description: '0: not a member' }) })
  .strict()
  .openapi('SetMemberLevel')

const MemberSchema = z
  .object({
    userId: z.string(),
    level: z.number().int(),
    pointsBalance: z.number().int(),
    coupons: z.object({
      available: z.number().int(),
      locked: z.number().int(),
      used: z.number().int(),
    }),
  })
  .openapi('Member')

const GrantSchema = z
  .object({
    points: z.number().int().min(1).max(1_000_000_000),
    reason: z.string().min(1).max(200),
  })
  .strict()
  .openapi('GrantPoints')

const MemberLevelSchema = z
  .object({
    name: z.string().min(1).max(100),
    discountBps: z.number().int().min(0).max(10_000).openapi({ description: '500 = 5% off' }),
  })
  .strict()
  .openapi('MemberLevel')

const PointsPolicySchema = z
  .object({
    rate: z
      .object({
        points: z.number().int().min(1).max(1_000_000),
        minorUnits: z.number().int().min(1).max(1_000_000),
      })
      .strict()
      .openapi({ description: '`points` points are worth `minorUnits` minor units' }),
    maxShareBps: z.number().int().min(0).max(10_000),
    maxPointsPerOrder: z.number().int().min(1).max(1_000_000_000).nullable(),
  })
  .strict()
  .openapi('PointsPolicy')

function walletOf(env: Env, userId: string) {
  return env.WALLET_ACTOR.get(env.WALLET_ACTOR.idFromName(userId))
}

/** `/v1/admin/members`: a buyer's member level and points, kept in the buyer's wallet actor. */
export const membersRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/{userId}',
      tags: ['admin', 'pricing'],
      summary: "Set a buyer's member level (kept in the buyer's wallet actor)",
      middleware: [auth('admin')] as const,
      request: { params: UserParams, body: jsonBody(MemberBodySchema) },
      responses: {
        200: jsonResponse(z.object({ userId: z.string(), level: z.number().int() }), 'The member'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid('param')
      const { level } = await walletOf(c.env, userId).setLevel(c.req.valid('json').level)
      return c.json({ userId, level }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{userId}',
      tags: ['admin', 'pricing'],
      summary: "A buyer's level, points balance and coupon counts, from the wallet actor",
      middleware: [auth('admin')] as const,
      request: { params: UserParams },
      responses: { 200: jsonResponse(MemberSchema, 'The member'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { userId } = c.req.valid('param')
      const snap = await walletOf(c.env, userId).snapshot()
      const coupons = { available: 0, locked: 0, used: 0 }
      for (const coupon of snap.coupons) coupons[coupon.status] += 1
      return c.json({ userId, level: snap.level, pointsBalance: snap.pointsBalance, coupons }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{userId}/points',
      tags: ['admin', 'pricing'],
      summary: 'Grant points; an Idempotency-Key makes a retry grant once',
      middleware: [auth('admin')] as const,
      request: {
        params: UserParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
        body: jsonBody(GrantSchema),
      },
      responses: {
        200: jsonResponse(
          z.object({ userId: z.string(), balance: z.number().int(), replayed: z.boolean() }),
          'The balance after the grant',
        ),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid('param')
      const { points, reason } = c.req.valid('json')
      const key = c.req.valid('header')['idempotency-key']
      const opId = key === undefined ? `grant:${crypto.randomUUID()}` : `grant:${key}`
      const granted = unwrap(await walletOf(c.env, userId).grantPoints(points, reason, opId))
      return c.json({ userId, balance: granted.balance, replayed: granted.replayed }, 200)
    },
  )

/** `/v1/admin/member-levels`: the levels and the discount each gives. */
export const memberLevelsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/{level}',
      tags: ['admin', 'pricing'],
      summary: "Create or change a member level's name and discount",
      middleware: [auth('admin')] as const,
      request: { params: LevelParams, body: jsonBody(MemberLevelSchema) },
      responses: {
        200: jsonResponse(MemberLevelSchema.extend({ level: z.number().int() }), 'The level'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const level = { level: c.req.valid('param').level, ...c.req.valid('json') }
      await putMemberLevel(c.env.DB, level, Date.now())
      evictPricingRules()
      return c.json(level, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'Every member level',
      middleware: [auth('admin')] as const,
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(MemberLevelSchema.extend({ level: z.number().int() })) }),
          'The levels',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listMemberLevels(c.env.DB) }, 200),
  )

/** `/v1/admin/points-policy`: what points are worth and how much of an order they may pay. */
export const pointsPolicyRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'Set how points convert to money and how much of an order they may pay',
      middleware: [auth('admin')] as const,
      request: { body: jsonBody(PointsPolicySchema) },
      responses: {
        200: jsonResponse(PointsPolicySchema, 'The policy'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const policy = c.req.valid('json')
      await putPointsPolicy(c.env.DB, policy, Date.now())
      evictPricingRules()
      return c.json(policy, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['admin', 'pricing'],
      summary: 'The points policy (404 when points cannot pay)',
      middleware: [auth('admin')] as const,
      responses: {
        200: jsonResponse(PointsPolicySchema, 'The policy'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const policy = await findPointsPolicy(c.env.DB)
      if (!policy) throw new AppError('NOT_FOUND', 'no points policy: points cannot pay')
      return c.json({ ...policy, rate: { ...policy.rate } }, 200)
    },
  )
