import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../http/router'
import { jsonResponse } from '../http/schemas/json'

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['meta'],
  summary: 'Liveness; touches no storage',
  security: [],
  responses: {
    200: jsonResponse(z.object({ status: z.literal('ok'), time: z.string() }), 'Alive'),
  },
})

export const healthRouter = createRouter().openapi(route, (c) =>
  c.json({ status: 'ok' as const, time: new Date().toISOString() }, 200),
)
