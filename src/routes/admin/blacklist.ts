import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { addressFingerprint, phoneFingerprint } from '../../checkout/fingerprints'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { AddressPlaceSchema } from '../../http/schemas/address'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import {
  addToBlacklist,
  type BlacklistKind,
  removeFromBlacklist,
} from '../../store/pricing-blacklist'
import { evictPricingRules } from '../../store/pricing-cache'

const reason = z.string().max(200).optional()

const BlacklistBodySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('buyer'), userId: z.string().min(1).max(128), reason }).strict(),
    z.object({ kind: z.literal('phone'), phone: z.string().min(3).max(32), reason }).strict(),
    z
      .object({
        kind: z.literal('address'),
        reason,
        address: AddressPlaceSchema,
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

/** `/v1/admin/blacklist`: buyers, phones and addresses refused at checkout. */
export const blacklistRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
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
      path: '/{kind}/{value}',
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
