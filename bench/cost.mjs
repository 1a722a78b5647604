// npm run bench -- cost: what one order costs on Cloudflare, counted by the bench-only meters
// (METERS=on) while whole lifecycles run: place → payment session → sandbox pay + webhook →
// queue → warehouse outbound → confirm receipt → after-sale window alarm.
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const out = (text) => process.stdout.write(`${text}\n`)
const cny = (amount) => ({ amount, currency: 'CNY' })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const address = {
  name: 'Cost',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Road',
}

/** Cloudflare list prices, US$ per million units (Workers Paid, 2026-11-30). */
export const prices = {
  workerRequests: 0.3,
  doRequests: 0.15,
  doRowsWritten: 1.0,
  d1RowsWritten: 1.0,
  queueOps: 0.4,
  rowsRead: 0.001,
  // Workers Logs events past the 20 million a month the plan includes.
  logLines: 0.6,
}

function caller(w, sub, role) {
  const token = signToken(benchSecret, { sub, role })
  return async (method, path, body, headers = {}) => {
    const res = await w.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    const parsed = text ? JSON.parse(text) : null
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return parsed
  }
}

export async function readMeters(w, reset = false) {
  const res = await w.fetch('/__bench/meters', { method: reset ? 'DELETE' : 'GET' })
  if (res.status !== 200) throw new Error(`meters answered ${res.status}: is METERS=on?`)
  return res.json()
}

async function seed(w) {
  const admin = caller(w, 'cost-admin', 'admin')
  for (const id of ['cs-a', 'cs-b', 'cs-c']) {
    await admin('PUT', `/v1/admin/stores/${id}`, { name: id, currency: 'CNY' })
  }
  await admin('PUT', '/v1/admin/warehouses/cw-1', {
    name: 'cost',
    regions: [{ region: '*', priority: 0 }],
  })
  const skus = [
    ['ck-1', 'cs-a', 10000],
    ['ck-2', 'cs-a', 20000],
    ['ck-3', 'cs-b', 30000],
    ['ck-4', 'cs-b', 4500],
    ['ck-5', 'cs-c', 12900],
  ]
  for (const [id, storeId, amount] of skus) {
    await admin('POST', '/v1/admin/skus', { id, storeId, title: id, price: cny(amount) })
    await admin('PUT', `/v1/admin/stock/${id}/cw-1`, { buckets: 4, onHand: 100_000 })
  }
  return skus.map(([id]) => id)
}

/** Waits until the meters stop moving: queue deliveries, alarms and flushes have all run. */
async function settle(w, quietMs = 2500, maxMs = 30_000) {
  const t0 = Date.now()
  let last = JSON.stringify(await readMeters(w))
  let since = Date.now()
  while (Date.now() - t0 < maxMs) {
    await sleep(250)
    const now = JSON.stringify(await readMeters(w))
    if (now !== last) {
      last = now
      since = Date.now()
    } else if (Date.now() - since >= quietMs) return
  }
}

/** One buyer's order through its whole life; a split order's packages each ship and complete. */
async function lifecycle(w, buyerId, lines) {
  const buyer = caller(w, buyerId, 'buyer')
  const warehouse = caller(w, `${buyerId}-wh`, 'warehouse')
  const order = await buyer(
    'POST',
    '/v1/orders',
    { lines, address },
    { 'Idempotency-Key': `cost-${buyerId}` },
  )
  const session = await buyer('POST', `/v1/orders/${order.id}/payments`)
  await buyer('POST', `/v1/sandbox/payments/${session.sessionId}/complete`)
  return { order, buyer, warehouse }
}

async function deliver({ order, buyer, warehouse }) {
  const packages = order.children ? order.children.map((c) => c.id) : [order.id]
  for (const id of packages) {
    await warehouse('POST', `/v1/warehouse/orders/${id}/outbound`, {
      carrier: 'SF',
      trackingNumber: `SF-${id}`,
    })
    await buyer('POST', `/v1/orders/${id}/confirm-receipt`)
  }
  return packages
}

function perOrder(m, n) {
  const doCalls = Object.values(m.doCalls).flatMap((c) => Object.values(c))
  const sum = (xs) => xs.reduce((a, b) => a + b, 0)
  const queueOps = m.queueMessages * 3
  return {
    workerRequests: (m.workerRequests + m.queueInvocations) / n,
    doRequests: sum(doCalls) / n,
    doRowsWritten: sum(Object.values(m.doRowsWritten)) / n,
    d1RowsWritten: m.d1RowsWritten / n,
    queueOps: queueOps / n,
    rowsRead: (sum(Object.values(m.doRowsRead)) + m.d1RowsRead) / n,
    logLines: m.logLines / n,
  }
}

const labels = {
  workerRequests: 'Worker requests (HTTP + queue invocations)',
  doRequests: 'Durable Object requests (RPC + alarms)',
  doRowsWritten: 'DO rows written (incl. setAlarm/deleteAlarm)',
  d1RowsWritten: 'D1 rows written (sandbox tables excluded)',
  queueOps: 'Queue operations (3 per message)',
  rowsRead: 'Rows read (DO + D1)',
  logLines: 'Log lines (Workers Logs events)',
}

export function costTable(title, m, n) {
  const per = perOrder(m, n)
  const fmt = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(2))
  const per1 = (x) => fmt(x / n)
  out(`\n${title} (${n} orders, figures per order)`)
  out(`| item | per order | US$/M unit | US$ per million orders |`)
  out(`|---|---:|---:|---:|`)
  let total = 0
  for (const [key, label] of Object.entries(labels)) {
    const usd = per[key] * prices[key]
    total += usd
    out(`| ${label} | ${fmt(per[key])} | ${prices[key]} | ${usd.toFixed(2)} |`)
  }
  out(`| **total** | | | **${total.toFixed(2)}** |`)
  const byClass = Object.entries(m.doCalls)
    .map(
      ([cls, calls]) =>
        `${cls} ${Object.entries(calls)
          .map(([k, v]) => `${k}×${per1(v)}`)
          .join(' ')}`,
    )
    .join('; ')
  out(`DO calls per order: ${byClass}`)
  const rows = Object.entries(m.doRowsWritten)
    .map(([cls, r]) => `${cls} ${per1(r)}`)
    .join(', ')
  out(`DO rows written per order: ${rows}`)
  const d1 = Object.entries(m.d1WritesByTable)
    .map(([t, r]) => `${t} ${per1(r)}`)
    .join(', ')
  out(`D1 rows written per order by table: ${d1}; D1 queries ${per1(m.d1Queries)}`)
  if (process.env.COST_DETAIL) {
    for (const [k, v] of Object.entries(m.doWritesByStatement).sort((a, b) => b[1] - a[1]))
      out(`  ${(v / n).toFixed(2).padStart(7)}  ${k}`)
    for (const [k, v] of Object.entries(m.d1WritesByStatement).sort((a, b) => b[1] - a[1]))
      out(`  ${(v / n).toFixed(2).padStart(7)}  D1 ${k}`)
  }
  return { per, total }
}

async function scenario(w, title, n, prefix, lines) {
  await settle(w, 1000)
  await readMeters(w, true)
  const placed = await Promise.all(
    Array.from({ length: n }, (_, i) => lifecycle(w, `${prefix}-${i}`, lines)),
  )
  await settle(w)
  await Promise.all(placed.map((p) => deliver(p)))
  // The after-sale window (2 s here) closes on the alarm; then every outbox has flushed.
  await settle(w, 4000)
  if (process.env.COST_DETAIL) {
    const id = placed[Number(process.env.COST_DETAIL) - 1 || 0].order.id
    const { results } = await w.db
      .prepare(
        'SELECT order_id, seq, action, to_status, at FROM order_events WHERE order_id = ?1 OR order_id IN (SELECT id FROM orders WHERE parent_id = ?1) ORDER BY at',
      )
      .bind(id)
      .all()
    for (const r of results)
      out(
        `  event ${r.order_id.slice(-6)} #${r.seq} ${r.action} → ${r.to_status} @${r.at % 100000}`,
      )
  }
  const table = costTable(title, await readMeters(w), n)
  await showFootprint(w, placed[0].order)
  return table
}

/** What a completed order keeps in its actor(s): the parent of a split and each package. */
async function showFootprint(w, order) {
  const ids = [order.id, ...(order.children ?? []).map((c) => c.id)]
  const sizes = []
  for (const id of ids) {
    const res = await w.fetch(`/__bench/meters?order=${id}`)
    sizes.push(await res.json())
  }
  const sum = (k) => sizes.reduce((a, s) => a + s[k], 0)
  out(
    `storage kept per completed order (${ids.length} actor${ids.length > 1 ? 's' : ''}): ` +
      `state row ${sum('stateBytes')} B + event log ${sum('logBytes')} B (${sum('events')} events) ` +
      `= ${sum('stateBytes') + sum('logBytes')} B of data; SQLite files ${sum('databaseBytes')} B`,
  )
}

export async function cost() {
  const w = await startWorker({
    METERS: 'on',
    ORDER_VELOCITY_PER_MINUTE: '1000000',
    AFTER_SALE_WINDOW_SECONDS: '2',
  })
  try {
    const skus = await seed(w)
    const n = Number(process.env.BENCH_ORDERS ?? 3)
    // Warm the isolate's catalog caches with one order first, as a running Worker would have them.
    const warm = await lifecycle(w, 'cost-warm', [{ skuId: skus[0], qty: 1 }])
    await settle(w)
    await deliver(warm)
    // Its after-sale window closes 2 s after receipt: let that alarm run before counting starts.
    await sleep(2500)
    await settle(w)
    out('cost: one full order lifecycle per new buyer, counted with METERS=on (date 2026-11-30)')
    await scenario(w, 'single line, one store', n, 'cost-one', [{ skuId: skus[0], qty: 1 }])
    const cart = skus.map((skuId) => ({ skuId, qty: 1 }))
    await scenario(w, '5-line cart over 3 stores (split into 3 packages)', n, 'cost-cart', cart)
  } finally {
    await w.dispose()
  }
}
