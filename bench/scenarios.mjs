import { drive, show } from './load.mjs'
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const json = (token, body, extra = {}) => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

async function admin(w, method, path, body) {
  const token = signToken(benchSecret, { sub: 'bench-admin', role: 'admin' })
  const res = await w.fetch(path, { ...json(token, body), method })
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** Three stores, five SKUs, one warehouse serving everywhere, plenty of stock. */
async function seedCatalog(w, { stock = 1_000_000, buckets = 4 } = {}) {
  for (const id of ['bs-a', 'bs-b', 'bs-c']) {
    await admin(w, 'PUT', `/v1/admin/stores/${id}`, { name: id, currency: 'CNY' })
  }
  await admin(w, 'PUT', '/v1/admin/warehouses/bw-1', {
    name: 'bench',
    regions: [{ region: '*', priority: 0 }],
  })
  const skus = [
    ['bk-1', 'bs-a', 10000],
    ['bk-2', 'bs-a', 20000],
    ['bk-3', 'bs-b', 30000],
    ['bk-4', 'bs-b', 4500],
    ['bk-5', 'bs-c', 12900],
  ]
  for (const [id, storeId, amount] of skus) {
    await admin(w, 'POST', '/v1/admin/skus', {
      id,
      storeId,
      title: id,
      price: { amount, currency: 'CNY' },
    })
    await admin(w, 'PUT', `/v1/admin/stock/${id}/bw-1`, { buckets, onHand: stock })
  }
  return skus.map(([id]) => id)
}

const address = {
  name: 'Bench',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Road',
}

async function floor(w, total, concurrency) {
  return drive({ total, concurrency, request: () => w.fetch('/v1/health') })
}

async function place() {
  const w = await startWorker()
  try {
    const skus = await seedCatalog(w)
    const lines = skus.map((skuId) => ({ skuId, qty: 1 }))
    const total = Number(process.env.BENCH_ORDERS ?? 600)
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
    const tokens = Array.from({ length: total }, (_, i) =>
      signToken(benchSecret, { sub: `bb-${i}`, role: 'buyer' }),
    )
    await floor(w, 200, concurrency)
    const noop = await floor(w, total, concurrency)
    const placed = await drive({
      total,
      concurrency,
      request: (i) =>
        w.fetch(
          '/v1/orders',
          json(tokens[i], { lines, address }, { 'Idempotency-Key': `bench-order-${i}` }),
        ),
    })
    process.stdout.write(
      `place: ${lines.length}-line cart over 3 stores, ${total} orders, ${concurrency} clients\n`,
    )
    show('floor  GET /v1/health', noop)
    show('place  POST /v1/orders', placed)
    process.stdout.write(`ratio p50 place/floor ${(placed.p50 / noop.p50).toFixed(1)}x\n`)
  } finally {
    await w.dispose()
  }
}

async function flash() {
  const w = await startWorker()
  try {
    const units = Number(process.env.BENCH_UNITS ?? 500)
    const total = Number(process.env.BENCH_ORDERS ?? 3000)
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32)
    const [hot] = await seedCatalog(w, { stock: units, buckets: 8 })
    const tokens = Array.from({ length: total }, (_, i) =>
      signToken(benchSecret, { sub: `fan-${i}`, role: 'buyer' }),
    )
    const noop = await floor(w, total, concurrency)
    const sale = await drive({
      total,
      concurrency,
      request: (i) =>
        w.fetch(
          '/v1/orders',
          json(
            tokens[i],
            { lines: [{ skuId: hot, qty: 1 }], address },
            { 'Idempotency-Key': `flash-order-${i}` },
          ),
        ),
    })
    const stock = await admin(w, 'GET', `/v1/admin/stock/${hot}`)
    process.stdout.write(
      `flash: ${total} buyers for ${units} units of one SKU over 8 buckets, ${concurrency} clients\n`,
    )
    show('floor  GET /v1/health', noop)
    show('flash  POST /v1/orders', sale)
    process.stdout.write(
      `stock after: ${JSON.stringify(stock.counts)} (oversold: ${stock.counts.reserved + stock.counts.sold > units ? 'YES' : 'no'})\n`,
    )
  } finally {
    await w.dispose()
  }
}

export const scenarios = { place, flash }
