import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

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

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'))

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          JWT_SECRET: 'test-jwt-secret',
          WEBHOOK_SECRET: 'whsec_test-webhook-secret',
          FAULT_INJECTION: 'on',
          // Only what nobody expected (an unhandled error) is logged while tests run.
          LOG_LEVEL: 'error',
        },
      },
    }),
  ],
  test: {
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
