// npm run bench -- reports: 100,000 orders of history in local D1, then each admin report over
// the last month through the Worker, beside a trivial indexed D1 query through the same path
// (the floor). Prints figures; never fails on time.
import { performance } from 'node:perf_hooks'
import { drive, show } from './load.mjs'
import { loadHistory } from './reports-data.mjs'
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const out = (text) => process.stdout.write(`${text}\n`)
const day = 86_400_000

function timed(w, token, total) {
  const headers = { Authorization: `Bearer ${token}` }
  return (path, init = {}) =>
    drive({
      total,
      concurrency: 1,
      request: () => w.fetch(path, { ...init, headers: { ...headers, ...(init.headers ?? {}) } }),
    })
}

export async function reports() {
  const total = Number(process.env.BENCH_ORDERS ?? 100_000)
  const repeat = Number(process.env.BENCH_REPEAT ?? 15)
  const w = await startWorker()
  try {
    const token = signToken(benchSecret, { sub: 'bench-admin', role: 'admin' })
    const probe = await w.fetch('/v1/admin/reports/sales', {
      headers: { Authorization: `Bearer ${token}` },
    })
    if (probe.status === 404) {
      out('reports: the report routes are not mounted in src/app.ts yet; nothing to time')
      return
    }
    const now = Date.now()
    const t0 = performance.now()
    const counts = await loadHistory(w.db, { total, now })
    const loadSeconds = (performance.now() - t0) / 1000
    out(`reports: ${total} orders over a year loaded in ${loadSeconds.toFixed(1)} s`)
    out(
      `         rows ${Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    )
    const month = `from=${new Date(now - 30 * day).toISOString()}&to=${new Date(now + 60_000).toISOString()}`
    const run = timed(w, token, repeat)
    await run('/v1/admin/orders?userId=nobody&limit=1')
    const floor = await drive({
      total: repeat * 10,
      concurrency: 1,
      request: () =>
        w.fetch('/v1/admin/orders?userId=nobody&limit=1', {
          headers: { Authorization: `Bearer ${token}` },
        }),
    })
    out(
      `each report over the last 30 days, ${repeat} sequential calls; floor = one indexed D1 lookup`,
    )
    show('floor  admin orders by buyer (empty)', floor)
    const cases = [
      ['sales by day', `/v1/admin/reports/sales?groupBy=day&${month}`],
      ['sales by store', `/v1/admin/reports/sales?groupBy=store&${month}`],
      ['sales by sku', `/v1/admin/reports/sales?groupBy=sku&${month}`],
      [
        'sales by day, CSV',
        `/v1/admin/reports/sales?groupBy=day&${month}`,
        { headers: { Accept: 'text/csv' } },
      ],
      ['top-skus', `/v1/admin/reports/top-skus?${month}`],
      ['status-funnel', `/v1/admin/reports/status-funnel?${month}`],
      ['after-sales by reason', `/v1/admin/reports/after-sales?groupBy=reason&${month}`],
      ['reconciliation (open)', `/v1/admin/reports/reconciliation?${month}`],
      ['admin orders, completed', `/v1/admin/orders?status=completed&${month}&limit=50`],
    ]
    for (const [label, path, init] of cases) {
      const r = await run(path, init)
      show(label, r)
      out(`${''.padEnd(34)} ratio p50/floor ${(r.p50 / floor.p50).toFixed(1)}x`)
    }
    const body = JSON.stringify({
      from: new Date(now - day).toISOString(),
      to: new Date(now).toISOString(),
    })
    const post = { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }
    const recon = await timed(w, token, 3)('/v1/admin/reconciliation/run', post)
    show('reconciliation run, last 24 h', recon)
  } finally {
    await w.dispose()
  }
}
