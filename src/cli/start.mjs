#!/usr/bin/env node
// npm start: migrate the local D1, seed the demo catalog, serve the Worker on 127.0.0.1:8787, and
// stock the demo SKUs once it answers. Every step is idempotent, so restarting changes nothing.
import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

const base = 'http://127.0.0.1:8787'
const wrangler = ['node_modules/wrangler/bin/wrangler.js']

function run(args) {
  const r = spawnSync(process.execPath, [...wrangler, ...args], {
    stdio: 'inherit',
    env: { ...process.env, CI: 'true' },
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function devSecret() {
  const line = existsSync('.dev.vars')
    ? readFileSync('.dev.vars', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('JWT_SECRET='))
    : undefined
  return line?.slice('JWT_SECRET='.length).trim() ?? ''
}

function adminToken() {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'seed', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}`
  return `${body}.${createHmac('sha256', devSecret()).update(body).digest('base64url')}`
}

// Demo stock lives in stock actors, not D1, so it is set through the API once the Worker is up.
const demoStock = [
  ['sku-tea-a', 500, 1],
  ['sku-teapot-b', 200, 1],
  ['sku-speaker-c', 300, 1],
  ['sku-giftcard-50', 10000, 1],
  ['sku-phone-presale', 1000, 4],
]

async function stockDemo() {
  const headers = { Authorization: `Bearer ${adminToken()}`, 'Content-Type': 'application/json' }
  for (const [sku, onHand, buckets] of demoStock) {
    const now = await fetch(`${base}/v1/admin/stock/${sku}`, { headers }).then((r) => r.json())
    const line = now.warehouses?.find((w) => w.warehouseId === 'wh-east')
    if (line && line.counts.received > 0) continue
    await fetch(`${base}/v1/admin/stock/${sku}/wh-east`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ buckets, onHand }),
    })
  }
  process.stdout.write('demo stock ready\n')
}

async function waitUntilUp() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

run(['d1', 'migrations', 'apply', 'DB', '--local'])
for (const file of ['migrations/seed/demo-catalog.sql', 'migrations/seed/demo-pricing.sql']) {
  if (existsSync(file)) run(['d1', 'execute', 'DB', '--local', `--file=${file}`])
}
const dev = spawn(process.execPath, [...wrangler, 'dev', '--ip', '127.0.0.1', '--port', '8787'], {
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal))
dev.on('exit', (code) => process.exit(code ?? 0))
if (await waitUntilUp()) await stockDemo()
