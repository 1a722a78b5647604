#!/usr/bin/env node
// npm start [-- --port N]: migrate the local D1, seed the demo catalog, serve the Worker on
// 127.0.0.1 (PORT, --port, or 8787), stock the demo SKUs once it answers, then say where things
// are. Every step is idempotent, so restarting changes nothing. `npm run reset` starts afresh.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { stockDemo } from './demo-stock.mjs'
import { devOutputFilter } from './dev-output.mjs'
import { copyDocsAssets } from './docs-assets.mjs'
import {
  chosenPort,
  devSecret,
  portIsFree,
  quietEnv,
  wranglerBin,
  wranglerQuiet,
} from './local-env.mjs'

const say = (text) => process.stdout.write(`${text}\n`)
function fail(message) {
  process.stderr.write(`npm start: ${message}\n`)
  process.exit(1)
}

let port
try {
  port = chosenPort()
} catch (e) {
  fail(e.message)
}
if (!(await portIsFree(port))) {
  fail(`port ${port} is already in use (another npm start?); pick another: PORT=8800 npm start`)
}
if (!devSecret()) fail('no JWT_SECRET in .dev.vars or the environment')
const base = `http://127.0.0.1:${port}`

copyDocsAssets()
say('applying D1 migrations and the demo catalog to the local database…')
wranglerQuiet(['d1', 'migrations', 'apply', 'DB', '--local'])
for (const file of ['migrations/seed/demo-catalog.sql', 'migrations/seed/demo-pricing.sql']) {
  if (existsSync(file)) wranglerQuiet(['d1', 'execute', 'DB', '--local', `--file=${file}`])
}

say(`starting the Worker on ${base}…`)
const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled']
const dev = spawn(process.execPath, [wranglerBin, ...args], {
  env: { ...quietEnv, WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'log' },
  stdio: ['inherit', 'pipe', 'pipe'],
})
let ready = false
dev.stdout.pipe(devOutputFilter(() => ready)).pipe(process.stdout)
dev.stderr.pipe(devOutputFilter(() => ready)).pipe(process.stderr)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal))
dev.on('exit', (code) => process.exit(code ?? 0))

async function waitUntilUp() {
  for (let i = 0; i < 240; i++) {
    if (dev.exitCode !== null) return false
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

if (!(await waitUntilUp())) fail('the Worker did not answer /v1/health')
const stocked = await stockDemo(base)
// Let the start-up's own request lines drain (and be dropped) before the summary.
await new Promise((r) => setTimeout(r, 300))
ready = true
say(`
Edge order center on ${base}
  API      ${base}/v1/…  (GET ${base}/ lists the links)
  Docs     ${base}/docs/  (Swagger UI; OpenAPI at ${base}/openapi.json)
  Admin    ${base}/admin/  (paste the token of: npm run -s token -- admin root)
  Tokens   npm run -s token -- <buyer|merchant|warehouse|service|admin> <subject> [storeId]
  Cron     curl ${base}/__scheduled  (runs the reconciliation once)
  Demo stock ready in wh-east: ${stocked}
Request logs follow, one JSON line each. Ctrl-C stops; npm run reset clears all local data.
`)
