import { createApp } from './app'
import type { Env } from './env'

export { OrderActor } from '../durable-objects/order-actor'
export { StockActor } from '../durable-objects/stock-actor'
export { WalletActor } from '../durable-objects/wallet-actor'

const app = createApp()

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>
