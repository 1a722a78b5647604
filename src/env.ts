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
    }
  }
}

export type Env = Cloudflare.Env
