import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { priceCart } from '../checkout/price-cart'
import { QuotePackageSchema, quotePackages } from '../checkout/quote-packages'
import { QuoteViewSchema, quoteView } from '../checkout/quote-view'
import { unwrap } from '../errors'
import { createRouter } from '../http/router'
import { AddressSchema, errorResponses, IdSchema, jsonBody, jsonResponse } from '../http/schemas'

const QuoteLineSchema = z
  .object({
    skuId: IdSchema.openapi({ example: 'sku-tea-a' }),
    qty: z.number().int().min(1).max(999).openapi({ example: 1 }),
  })
  .strict()

export const QuoteRequestSchema = z
  .object({
    lines: z
      .array(QuoteLineSchema)
      .min(1)
      .max(50)
      .refine((lines) => new Set(lines.map((l) => l.skuId)).size === lines.length, {
        message: 'each SKU may appear on one line only',
      }),
    address: AddressSchema,
    couponIds: z
      .union([z.enum(['auto', 'none']), z.array(IdSchema).max(10)])
      .optional()
      .openapi({ description: "'auto' (default) picks the best usable set; a list names them" }),
    points: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict()
  .openapi('QuoteRequest')

const quoteRoute = createRoute({
  method: 'post',
  path: '/v1/checkout/quote',
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

export const checkoutRouter = createRouter().openapi(quoteRoute, async (c) => {
  const body = c.req.valid('json')
  const now = Date.now()
  const priced = unwrap(await priceCart(c.env, c.get('principal').id, body, now))
  const where = { lines: body.lines, region: body.address.region }
  const packages = await quotePackages(c.env, where, priced.skus, priced.priced, now)
  return c.json({ ...quoteView(priced.quote, priced.skus, priced.priced), packages }, 200)
})
