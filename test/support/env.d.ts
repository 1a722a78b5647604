import type { D1Migration } from 'cloudflare:test'

// The tests' bindings: the Worker's (generated into src/worker-configuration.d.ts) and the
// migrations the setup file applies.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      /** Tests only: the local Stripe API stand-in (test/stand-ins/stripe-stand-in.mjs). */
      STRIPE_STAND_IN: Fetcher
    }
  }
}
