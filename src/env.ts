/**
 * The Worker's bindings. Everything wrangler.toml and .dev.vars declare is generated into
 * src/worker-configuration.d.ts (`Cloudflare.Env`) by `npm run gen:env`, and `npm test` fails
 * while that file is stale. Only what no configuration declares is added here.
 */
declare global {
  namespace Cloudflare {
    interface Env {
      /** Test hook switch: 'on' lets tests make actors fail mid-placement. Never in production. */
      FAULT_INJECTION?: string
      /** Retired order-id keys still accepted (comma-separated); see docs/payments.md. */
      ORDER_ID_KEYS_OLD?: string
      /** Production secrets of the Stripe provider, set with `wrangler secret put`. */
      STRIPE_SECRET_KEY?: string
      STRIPE_WEBHOOK_SECRET?: string
      /** Where Stripe Checkout sends the buyer back; `{ORDER_ID}` is replaced by the order id. */
      PAYMENT_RETURN_URL?: string
    }
  }
}

export type Env = Cloudflare.Env
