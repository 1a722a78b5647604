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
  /** Longest bearer-token lifetime accepted, in seconds (default one day). */
  JWT_MAX_TTL_SECONDS?: string
  /** Key of the order-id MAC; ORDER_ID_KEYS_OLD lists retired keys still accepted (comma-separated). */
  ORDER_ID_KEY?: string
  ORDER_ID_KEYS_OLD?: string
  /** `stripe` in production, `sandbox` only in .dev.vars, tests and benches; unset: no payments. */
  PAYMENT_PROVIDER?: string
  /** Standard Webhooks secret (`whsec_` + base64) of the sandbox and other signed senders. */
  WEBHOOK_SECRET?: string
  STRIPE_SECRET_KEY?: string
  STRIPE_WEBHOOK_SECRET?: string
  /** Where Stripe Checkout sends the buyer back; `{ORDER_ID}` is replaced by the order id. */
  PAYMENT_RETURN_URL?: string
  /** Held (mismatched) payments older than this are reported by reconciliation. */
  HELD_PAYMENT_MAX_AGE_SECONDS?: string
  PAYMENT_TIMEOUT_SECONDS: string
  AUTO_CONFIRM_SECONDS: string
  AFTER_SALE_WINDOW_SECONDS: string
  MERCHANT_REVIEW_SECONDS: string
  RETURN_SHIP_SECONDS: string
  PRESALE_BALANCE_SECONDS: string
  MAX_BODY_BYTES: string
  ORDER_VELOCITY_PER_MINUTE: string
  /** Test hook switch: 'on' lets tests make actors fail mid-placement. Never set in production. */
  FAULT_INJECTION?: string
  SPLIT_MAX_WEIGHT_GRAMS?: string
  SPLIT_MAX_VOLUME_CM3?: string
  SPLIT_CUSTOMS_VALUE_CAP?: string
  SPLIT_PRESALE_DAYS?: string
  SPLIT_FREIGHT_SHARING?: string
  SPLIT_RETURN_POINTS_OF_CLOSED_CHILDREN?: string
}
