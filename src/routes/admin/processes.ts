import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { type AfterSaleType, afterSaleTypes } from '../../domain/process/after-sale-types'
import { toMermaid } from '../../domain/process/mermaid'
import { orderTypes } from '../../domain/process/order-types'
import { afterSaleProcesses, processes } from '../../domain/process/registry'
import { subscriptionMachine, subscriptionMermaid } from '../../domain/subscription/machine'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'

/** Every machine served: the order types, then the after-sale types. */
const processTypes = [...orderTypes, ...afterSaleTypes, 'subscription'] as const

const ProcessSchema = z
  .object({
    type: z.string(),
    family: z.enum(['order', 'after_sale', 'subscription']),
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
  path: '/{type}',
  tags: ['admin'],
  summary: "An order or after-sale type's state machine, as JSON or (format=mermaid) Mermaid",
  description:
    'Order types: physical, virtual, presale. After-sale types: refund_only, return_refund, ' +
    "exchange. Then subscription. After-sale and subscription diagrams note each state's timers.",
  middleware: [auth('admin', 'service')] as const,
  request: {
    params: z.object({
      type: z.enum(processTypes).openapi({ param: { name: 'type', in: 'path' } }),
    }),
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

/** The shape both families of machine share: states, actions, targets, roles, guards, timers. */
interface ProcessTable {
  readonly type: string
  readonly initial: string
  readonly states: readonly string[]
  readonly terminal: readonly string[]
  readonly actions: readonly string[]
  readonly transitions: {
    readonly [state: string]:
      | {
          readonly [action: string]:
            | { readonly to: string; readonly roles: readonly string[]; readonly guard?: string }
            | undefined
        }
      | undefined
  }
  readonly timers: {
    readonly [state: string]:
      | readonly { readonly kind: string; readonly action: string; readonly duration: string }[]
      | undefined
  }
}

function processJson(def: ProcessTable, family: 'order' | 'after_sale' | 'subscription') {
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
  return {
    type: def.type,
    family,
    initial: def.initial,
    states: [...def.states],
    terminal: [...def.terminal],
    actions: [...def.actions],
    transitions,
    timers,
  }
}

const isAfterSale = (type: string): type is AfterSaleType =>
  (afterSaleTypes as readonly string[]).includes(type)

/** `/v1/admin/processes`: the state machines as data, for people and diagrams. */
export const processesRouter = createRouter().openapi(route, (c) => {
  const type = c.req.valid('param').type
  const mermaid = c.req.valid('query').format === 'mermaid'
  if (type === 'subscription') {
    if (mermaid) return c.text(subscriptionMermaid(), 200)
    return c.json(processJson(subscriptionMachine, 'subscription'), 200)
  }
  if (isAfterSale(type)) {
    const def = afterSaleProcesses[type]
    if (mermaid) return c.text(toMermaid(def), 200)
    return c.json(processJson(def, 'after_sale'), 200)
  }
  const def = processes[type]
  if (mermaid) return c.text(toMermaid(def), 200)
  return c.json(processJson(def, 'order'), 200)
})
