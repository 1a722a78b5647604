import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { createRouter } from '../http/router'
import { CouponViewSchema } from '../http/schemas/coupon'
import { errorResponses } from '../http/schemas/error'
import { jsonResponse } from '../http/schemas/json'
import { couponView } from '../http/views/coupon-view'

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['checkout'],
  summary: "The caller's coupons with status (available, locked by a pending order, used)",
  middleware: [auth('buyer')] as const,
  request: { query: z.object({ status: z.enum(['available', 'locked', 'used']).optional() }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(CouponViewSchema) }), 'Coupons, oldest first'),
    ...errorResponses(400, 401, 403),
  },
})

/** Read from the buyer's wallet actor, the source of truth (D1's copy may lag). */
export const couponsRouter = createRouter().openapi(listRoute, async (c) => {
  const { status } = c.req.valid('query')
  const userId = c.get('principal').id
  const wallet = c.env.WALLET_ACTOR.get(c.env.WALLET_ACTOR.idFromName(userId))
  const { coupons } = await wallet.snapshot()
  const items = coupons.filter((x) => status === undefined || x.status === status).map(couponView)
  return c.json({ items }, 200)
})
