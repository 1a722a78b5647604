import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { priceCart } from '../checkout/price-cart'
import { quotePackages } from '../checkout/quote-packages'
import { unwrap } from '../errors'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { jsonBody, jsonResponse } from '../http/schemas/json'
import { QuotePackageSchema, QuoteRequestSchema, QuoteViewSchema } from '../http/schemas/quote'
import { quoteView } from '../http/views/quote-view'

const quoteRoute = createRoute({
  method: 'post',
  path: '/quote',
  tags: ['checkout'],
  summary: 'Price a cart: every discount layer per line, promotions, coupons, points, freight',
  middleware: [auth('buyer')] as const,
  request: { body: jsonBody(QuoteRequestSchema) },
  responses: {
    200: jsonResponse(
      QuoteViewSchema.extend({ packages: z.array(QuotePackageSchema) }),
      'The quote, and the packages the order will ship as',
    ),
    ...errorResponses(400, 401, 403, 413, 422),
  },
})

/** `/v1/checkout`: pricing a cart before it is placed. */
export const checkoutRouter = createRouter().openapi(quoteRoute, async (c) => {
  const body = c.req.valid('json')
  const now = Date.now()
  const priced = unwrap(await priceCart(c.env, c.get('principal').id, body, now))
  const where = { lines: body.lines, region: body.address.region }
  const packages = await quotePackages(c.env, where, priced.skus, priced.priced, now)
  return c.json({ ...quoteView(priced.quote, priced.skus, priced.priced), packages }, 200)
})
