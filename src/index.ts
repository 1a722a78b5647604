import { createApp } from './app'
import type { OrderEventMessage } from './domain/order-events'
import type { Env } from './env'
import { meteredEnv } from './metering/metered-env'
import { meter, metersOn } from './metering/meters'
import { metersRoute } from './metering/meters-route'
import { actorGate } from './queues/actor-gate'
import { handleOrderEvents } from './queues/order-events'
import { runCron } from './reports/cron'

export { OrderActor } from '../durable-objects/order/actor'
export { StockActor } from '../durable-objects/stock/actor'
export { SubscriptionActor } from '../durable-objects/subscription/actor'
export { WalletActor } from '../durable-objects/wallet/actor'

const app = createApp()

export default {
  fetch: (request, env, ctx) =>
    metersRoute(request, env) ?? app.fetch(request, meteredEnv(env), ctx),
  queue: (batch: MessageBatch<OrderEventMessage>, raw: Env) => {
    if (metersOn(raw)) meter.queueInvocation()
    const env = meteredEnv(raw)
    return handleOrderEvents(batch, env, { gate: actorGate(env) })
  },
  scheduled(controller, raw, ctx) {
    ctx.waitUntil(runCron(meteredEnv(raw), controller))
  },
} satisfies ExportedHandler<Env, OrderEventMessage>
