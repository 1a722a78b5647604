// Starts the order center in workerd through Miniflare's API (not the `wrangler dev` proxy), with
// fresh in-memory D1 and Durable Object storage, migrated from migrations/.
import { mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler'

const root = path.resolve(import.meta.dirname, '..')
export const benchSecret = 'bench-jwt-secret'

async function bundle() {
  const outfile = path.join(root, '.wrangler', 'bench', 'index.js')
  await mkdir(path.dirname(outfile), { recursive: true })
  await build({
    entryPoints: [path.join(root, 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    outfile,
    logLevel: 'error',
  })
  return outfile
}

async function migrate(mf) {
  const db = await mf.getD1Database('DB')
  const dir = path.join(root, 'migrations')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  for (const file of files) {
    const sql = await readFile(path.join(dir, file), 'utf8')
    for (const statement of unstable_splitSqlQuery(sql)) await db.prepare(statement).run()
  }
  return db
}

/** The worker, ready: `fetch(path, init)` goes through the same Worker entry as production. */
export async function startWorker(vars = {}, options = {}) {
  const scriptPath = await bundle()
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, 'wrangler.toml'))
  const mf = new Miniflare({
    ...workerOptions,
    name: 'edge-order-center',
    modules: true,
    scriptPath,
    bindings: {
      ...workerOptions.bindings,
      // A bench prints its figures, not a line per request; a bench that wants them passes LOG_LEVEL.
      LOG_LEVEL: 'warn',
      JWT_SECRET: benchSecret,
      ORDER_ID_KEY: 'bench-order-id-key-0123456789',
      PAYMENT_PROVIDER: 'sandbox',
      WEBHOOK_SECRET: 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQta2V5IQ==',
      ...vars,
    },
    d1Persist: false,
    durableObjectsPersist: false,
    ...options,
  })
  const url = await mf.ready
  const db = await migrate(mf)
  return {
    url,
    db,
    fetch: (p, init) => fetch(new URL(p, url), init),
    mf,
    dispose: () => mf.dispose(),
  }
}
