import { createApp } from './app'
import type { Env } from './env'
import { actorGate } from './queues/actor-gate'
import type { OrderEventMessage } from './queues/order-event-message'
import { handleOrderEvents } from './queues/order-events'
import { runCron } from './reports/cron'

export { OrderActor } from '../durable-objects/order-actor'
export { StockActor } from '../durable-objects/stock-actor'
export { WalletActor } from '../durable-objects/wallet-actor'

const app = createApp()

export default {
  fetch: app.fetch,
  queue: (batch: MessageBatch<OrderEventMessage>, env: Env) =>
    handleOrderEvents(batch, env, { gate: actorGate(env) }),
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runCron(env, controller))
  },
} satisfies ExportedHandler<Env, OrderEventMessage>
