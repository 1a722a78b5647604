import type { OrderActor } from '../durable-objects/order-actor'
import type { StockActor } from '../durable-objects/stock-actor'
import type { WalletActor } from '../durable-objects/wallet-actor'
import type { OrderEventMessage } from './queues/order-event-message'

/** Bindings of the Worker, as declared in wrangler.toml and .dev.vars. */
export interface Env {
  DB: D1Database
  /** The order-events Queue: paid orders to the WMS, cancellations, address changes. */
  ORDER_EVENTS: Queue<OrderEventMessage>
  ORDER_ACTOR: DurableObjectNamespace<OrderActor>
  STOCK_ACTOR: DurableObjectNamespace<StockActor>
  WALLET_ACTOR: DurableObjectNamespace<WalletActor>
  JWT_SECRET: string
  WEBHOOK_SECRET: string
  PAYMENT_TIMEOUT_SECONDS: string
  AUTO_CONFIRM_SECONDS: string
  AFTER_SALE_WINDOW_SECONDS: string
  MERCHANT_REVIEW_SECONDS: string
  RETURN_SHIP_SECONDS: string
  PRESALE_BALANCE_SECONDS: string
  MAX_BODY_BYTES: string
  ORDER_VELOCITY_PER_MINUTE: string
  /** debug, info, warn, error or silent: which structured log lines the Worker writes. */
  LOG_LEVEL?: string
  /** Test hook switch: 'on' lets tests make actors fail mid-placement. Never set in production. */
  FAULT_INJECTION?: string
  SPLIT_MAX_WEIGHT_GRAMS?: string
  SPLIT_MAX_VOLUME_CM3?: string
  SPLIT_CUSTOMS_VALUE_CAP?: string
  SPLIT_PRESALE_DAYS?: string
  SPLIT_FREIGHT_SHARING?: string
  SPLIT_RETURN_POINTS_OF_CLOSED_CHILDREN?: string
}
