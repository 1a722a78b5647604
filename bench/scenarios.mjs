import { actorBirth } from './actor-birth.mjs'
import { drive, show } from './load.mjs'
import { quoteThroughput } from './quote-bench.mjs'
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const json = (token, body, extra = {}) => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

const cny = (amount) => ({ amount, currency: 'CNY' })
const out = (text) => process.stdout.write(`${text}\n`)

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
    await admin(w, 'POST', '/v1/admin/skus', { id, storeId, title: id, price: cny(amount) })
    await admin(w, 'PUT', `/v1/admin/stock/${id}/bw-1`, { buckets, onHand: stock })
  }
  return skus.map(([id]) => id)
}

/** A platform promotion over everything, and one coupon of 10.00 issued to each buyer. */
async function seedPricing(w, buyers) {
  const now = Date.now()
  const window = {
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 86_400_000).toISOString(),
  }
  await admin(w, 'POST', '/v1/admin/promotions', {
    id: 'bp-1',
    title: 'Spend 200 save 30',
    level: 'platform',
    rule: { kind: 'spend_save', threshold: cny(20000), amountOff: cny(3000) },
    ...window,
  })
  await admin(w, 'POST', '/v1/admin/coupon-templates', {
    id: 'bt-1',
    title: '10 off',
    threshold: cny(0),
    benefit: { kind: 'amount_off', amountOff: cny(1000) },
    stacking: 'stackable',
    ...window,
  })
  for (const userId of buyers) {
    await admin(w, 'POST', '/v1/admin/coupon-templates/bt-1/issue', { userId })
  }
}

const address = {
  name: 'Bench',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Road',
}

function floor(w, total, concurrency) {
  return drive({ total, concurrency, request: () => w.fetch('/v1/health') })
}

function placeRequest(w, token, lines, key) {
  return w.fetch('/v1/orders', json(token, { lines, address }, { 'Idempotency-Key': key }))
}

async function place() {
  const w = await startWorker({ ORDER_VELOCITY_PER_MINUTE: '1000000' })
  try {
    const skus = await seedCatalog(w)
    const lines = skus.map((skuId) => ({ skuId, qty: 1 }))
    const total = Number(process.env.BENCH_ORDERS ?? 600)
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
    const buyers = Array.from({ length: total }, (_, i) => `bb-${i}`)
    await seedPricing(w, buyers)
    const tokens = buyers.map((sub) => signToken(benchSecret, { sub, role: 'buyer' }))
    await floor(w, 200, concurrency)
    const noop = await floor(w, total, concurrency)
    const placed = await drive({
      total,
      concurrency,
      request: (i) => placeRequest(w, tokens[i], lines, `bench-order-${i}`),
    })
    const engine = await quoteThroughput()
    out(`place: 5-line cart over 3 stores, a platform promotion and a coupon per buyer`)
    out(`       ${total} orders, ${concurrency} concurrent clients, fresh buyer per order`)
    show('floor  GET /v1/health', noop)
    show('place  POST /v1/orders', placed)
    out(`ratio p50 place/floor ${(placed.p50 / noop.p50).toFixed(1)}x`)
    out(`quote() in-process, same cart: ${engine.perSecond.toFixed(0)} calls/s`)
  } finally {
    await w.dispose()
  }
}

async function flash() {
  const w = await startWorker({ ORDER_VELOCITY_PER_MINUTE: '1000000', METERS: 'on' })
  try {
    const units = Number(process.env.BENCH_UNITS ?? 500)
    const total = Number(process.env.BENCH_ORDERS ?? 3000)
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32)
    const [hot] = await seedCatalog(w, { stock: units, buckets: 8 })
    await admin(w, 'PUT', `/v1/admin/stock/${hot}/policy`, {
      deduction: 'on_place',
      perBuyerLimit: 1,
    })
    const { countBeforeSale, countAfterSale, showAttempt } = await import('./flash-meters.mjs')
    const { readMeters } = await import('./cost.mjs')
    const before = await countBeforeSale(w, hot)
    const tokens = Array.from({ length: total }, (_, i) =>
      signToken(benchSecret, { sub: `fan-${i}`, role: 'buyer' }),
    )
    const noop = await floor(w, total, concurrency)
    await readMeters(w, true)
    const sale = await drive({
      total,
      concurrency,
      request: (i) => placeRequest(w, tokens[i], [{ skuId: hot, qty: 1 }], `flash-order-${i}`),
    })
    const during = await readMeters(w)
    const { counts } = await admin(w, 'GET', `/v1/admin/stock/${hot}`)
    out(
      `flash: ${total} buyers for ${units} units of one SKU over 8 buckets, ${concurrency} clients`,
    )
    show('floor  GET /v1/health', noop)
    show('flash  POST /v1/orders', sale)
    const oversold = counts.reserved + counts.sold > units
    out(`stock after: ${JSON.stringify(counts)}  oversold: ${oversold ? 'YES' : 'no'}`)
    out(
      `during the sale: ${during.d1Queries} D1 queries, ${during.d1RowsWritten} D1 rows written, ` +
        `${Object.values(during.doRowsWritten).reduce((a, b) => a + b, 0)} DO rows written, ` +
        `${during.logLines} log lines`,
    )
    out('counted (METERS=on), one attempt at a time:')
    showAttempt('placed order', before.placed)
    showAttempt('refused: per-buyer limit', before.limited)
    showAttempt('refused: per-buyer limit, again', before.limitedAgain)
    const after = await countAfterSale(w, hot)
    showAttempt('refused: sold out', after.late)
    showAttempt('refused: sold out, again', after.lateAgain)
  } finally {
    await w.dispose()
  }
}

async function quoteOnly() {
  const engine = await quoteThroughput()
  out(`quote() in-process, 5-line cart: ${engine.perSecond.toFixed(0)} calls/s`)
}

async function soakScenario() {
  const { soak } = await import('./soak.mjs')
  await soak()
}

async function costScenario() {
  const { cost } = await import('./cost.mjs')
  await cost()
}

async function reportsScenario() {
  const { reports } = await import('./reports.mjs')
  await reports()
}

export const scenarios = {
  place,
  flash,
  quote: quoteOnly,
  soak: soakScenario,
  reports: reportsScenario,
  cost: costScenario,
  birth: actorBirth,
  profile: () => import('./profile.mjs').then((m) => m.profileFlash()),
}
