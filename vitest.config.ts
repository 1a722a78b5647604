import { readFileSync } from 'node:fs'
import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { deployedWranglerConfig } from './vitest.deployed.ts'

// wrangler reads .dev.vars once per test file and says so each time; only its warnings matter here.
process.env.WRANGLER_LOG ??= 'warn'

/**
 * workerd's log lines reach this process as whole writes to stdout or stderr. Two kinds are
 * expected on a green run and would hide a real failure: the runner's WebSocket closing at the end
 * of each test file (the pool filters it itself from 0.16 on), and the faults that the
 * fault-injection tests throw on purpose inside an actor, which workerd reports as uncaught with
 * a stack trace although the caller catches them. The first is dropped; each injected fault is
 * reduced to one labelled line.
 */
const teardownNoise = 'disconnected: WebSocket peer disconnected'
const injectedFault = /^uncaught exception;.*?stack = ((?:InjectedFault|Error): injected [^\n]*)/s

function quiet(stream: NodeJS.WriteStream) {
  const write = stream.write.bind(stream)
  stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest)
    if (chunk.includes(teardownNoise)) return true
    const fault = injectedFault.exec(chunk)
    if (fault) return write(`expected, from a fault-injection test: ${fault[1]}\n`)
    return write(chunk, ...rest)
  }) as typeof stream.write
}
quiet(process.stdout)
quiet(process.stderr)

const root = import.meta.dirname
const migrations = await readD1Migrations(path.join(root, 'migrations'))

// The stripe and standardwebhooks packages ship source maps whose sources they do not ship;
// loading their files without them keeps Vite from printing a warning per file on every run.
const paymentPackagesWithoutSourceMaps = {
  name: 'payment-packages-without-source-maps',
  enforce: 'pre' as const,
  load(id: string) {
    if (!/[/\\]node_modules[/\\](stripe|standardwebhooks)[/\\].*\.js$/.test(id)) return null
    return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '')
  },
}

const shared = {
  setupFiles: ['./test/support/apply-migrations.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
}

export default defineConfig({
  test: {
    projects: [
      {
        // Local development as .dev.vars sets it up: the sandbox provider and its shortcuts.
        plugins: [
          paymentPackagesWithoutSourceMaps,
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                JWT_SECRET: 'test-jwt-secret',
                ORDER_ID_KEY: 'test-order-id-key-0123456789',
                PAYMENT_PROVIDER: 'sandbox',
                WEBHOOK_SECRET: 'whsec_dGVzdC1zYW5kYm94LXdlYmhvb2sta2V5LTMyYnl0ZXM=',
                FAULT_INJECTION: 'on',
                // Hostile inputs per route in test/http/fuzz-api.test.ts: FUZZ_RUNS=100 npm test for more.
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10',
                // Only what nobody expected (an unhandled error) is logged while tests run.
                LOG_LEVEL: 'error',
              },
              // Tests only: a local stand-in for the Stripe API that records what it is sent.
              serviceBindings: { STRIPE_STAND_IN: 'stripe-stand-in' },
              workers: [
                {
                  name: 'stripe-stand-in',
                  modules: true,
                  scriptPath: path.join(root, 'test/stand-ins/stripe-stand-in.mjs'),
                  compatibilityDate: '2026-04-20',
                },
              ],
            },
          }),
        ],
        test: {
          ...shared,
          name: 'sandbox',
          include: ['test/**/*.test.ts'],
          exclude: ['test/deployed/**'],
        },
      },
      {
        // What wrangler.toml deploys, with only the secrets production must set: no provider.
        plugins: [
          paymentPackagesWithoutSourceMaps,
          cloudflareTest({
            wrangler: { configPath: deployedWranglerConfig(root) },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                JWT_SECRET: 'deployed-jwt-secret',
                ORDER_ID_KEY: 'deployed-order-id-key-0123456789',
                LOG_LEVEL: 'error',
              },
            },
          }),
        ],
        test: { ...shared, name: 'deployed', include: ['test/deployed/**/*.test.ts'] },
      },
    ],
  },
})
