import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { toMermaid } from '../domain/process/mermaid'
import { processes } from '../domain/process/registry'
import { orderTypes } from '../domain/process/types'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas'

const ProcessSchema = z
  .object({
    type: z.string(),
    initial: z.string(),
    states: z.array(z.string()),
    terminal: z.array(z.string()),
    actions: z.array(z.string()),
    transitions: z.array(
      z.object({
        from: z.string(),
        action: z.string(),
        to: z.string(),
        roles: z.array(z.string()),
        guard: z.string().nullable(),
      }),
    ),
    timers: z.array(
      z.object({ state: z.string(), kind: z.string(), action: z.string(), duration: z.string() }),
    ),
  })
  .openapi('Process')

const route = createRoute({
  method: 'get',
  path: '/v1/admin/processes/{type}',
  tags: ['admin'],
  summary: "An order type's state machine, as JSON or (format=mermaid) a Mermaid diagram",
  middleware: [auth('admin', 'service')] as const,
  request: {
    params: z.object({ type: z.enum(orderTypes).openapi({ param: { name: 'type', in: 'path' } }) }),
    query: z.object({ format: z.enum(['json', 'mermaid']).default('json') }),
  },
  responses: {
    200: {
      description: 'The process table',
      content: {
        'application/json': { schema: ProcessSchema },
        'text/plain': { schema: z.string() },
      },
    },
    ...errorResponses(400, 401, 403),
  },
})

export const processesRouter = createRouter().openapi(route, (c) => {
  const def = processes[c.req.valid('param').type]
  if (c.req.valid('query').format === 'mermaid') return c.text(toMermaid(def), 200)
  const transitions = def.states.flatMap((from) =>
    Object.entries(def.transitions[from] ?? {}).flatMap(([action, tr]) =>
      tr ? [{ from, action, to: tr.to, roles: [...tr.roles], guard: tr.guard ?? null }] : [],
    ),
  )
  const timers = def.states.flatMap((state) =>
    (def.timers[state] ?? []).map((t) => ({
      state,
      kind: t.kind,
      action: t.action,
      duration: t.duration,
    })),
  )
  return c.json(
    {
      type: def.type,
      initial: def.initial,
      states: [...def.states],
      terminal: [...def.terminal],
      actions: [...def.actions],
      transitions,
      timers,
    },
    200,
  )
})
