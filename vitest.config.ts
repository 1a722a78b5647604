import { readFileSync } from 'node:fs'
import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { deployedWranglerConfig } from './vitest.deployed.ts'

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
  setupFiles: ['./test/apply-migrations.ts'],
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
              },
            },
          }),
        ],
        test: { ...shared, name: 'deployed', include: ['test/deployed/**/*.test.ts'] },
      },
    ],
  },
})
