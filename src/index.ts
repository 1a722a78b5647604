import { createApp } from './app'
import type { Env } from './env'
import { cronRange, runReconciliation } from './reports/reconciliation-run'

export { OrderActor } from '../durable-objects/order-actor'
export { StockActor } from '../durable-objects/stock-actor'
export { WalletActor } from '../durable-objects/wallet-actor'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runReconciliation(env, cronRange(controller.scheduledTime), { trigger: 'cron' }))
  },
} satisfies ExportedHandler<Env>
