// npm run bench -- soak: bounded mixed traffic on loopback (about five minutes by default), then a
// checker that proves the invariants on what the traffic left behind. Prints the counts, the
// violations (which must be zero) and the throughput; exits 1 only if an invariant is violated.
import { performance } from 'node:perf_hooks'
import { checkInvariants } from './soak-checks.mjs'
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const seconds = Number(process.env.SOAK_SECONDS ?? 200)
const clients = Number(process.env.SOAK_CLIENTS ?? 12)
const buyers = 400
const cny = (amount) => ({ amount, currency: 'CNY' })
const address = {
  name: 'Soak',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '9 Road',
}

function caller(w, sub, role, storeId) {
  const token = signToken(benchSecret, { sub, role, ...(storeId ? { storeId } : {}) })
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
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
}

async function seed(w) {
  const admin = caller(w, 'soak-admin', 'admin')
  const must = async (...args) => {
    const r = await admin(...args)
    if (r.status >= 300)
      throw new Error(`${args[0]} ${args[1]}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  for (const id of ['ss-a', 'ss-b'])
    await must('PUT', `/v1/admin/stores/${id}`, { name: id, currency: 'CNY' })
  await must('PUT', '/v1/admin/warehouses/sw-1', {
    name: 'soak',
    regions: [{ region: '*', priority: 0 }],
  })
  const skus = [
    ['sk-1', 'ss-a', 10000, 400, 2],
    ['sk-2', 'ss-a', 20000, 300, 2],
    ['sk-3', 'ss-b', 30000, 300, 2],
    ['sk-hot', 'ss-b', 9900, 150, 8],
  ]
  for (const [id, storeId, amount, onHand, buckets] of skus) {
    await must('POST', '/v1/admin/skus', { id, storeId, title: id, price: cny(amount) })
    await must('PUT', `/v1/admin/stock/${id}/sw-1`, { buckets, onHand })
  }
  await must('PUT', '/v1/admin/stock/sk-hot/policy', { deduction: 'on_place', perBuyerLimit: 1 })
  const window = {
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  }
  await must('POST', '/v1/admin/promotions', {
    id: 'sp-1',
    title: 'store a',
    level: 'store',
    storeId: 'ss-a',
    rule: { kind: 'spend_save', threshold: cny(20000), amountOff: cny(2000) },
    scope: { storeIds: ['ss-a'] },
    ...window,
  })
  await must('POST', '/v1/admin/promotions', {
    id: 'sp-2',
    title: 'platform',
    level: 'platform',
    rule: { kind: 'spend_save', threshold: cny(30000), amountOff: cny(3000) },
    ...window,
  })
  await must('POST', '/v1/admin/coupon-templates', {
    id: 'st-1',
    title: '15 off',
    threshold: cny(10000),
    benefit: { kind: 'amount_off', amountOff: cny(1500) },
    stacking: 'stackable',
    ...window,
  })
  for (let i = 0; i < buyers; i += 2)
    await must('POST', '/v1/admin/coupon-templates/st-1/issue', { userId: `sb-${i}` })
  return skus.map(([id]) => id)
}

function pick(xs) {
  return xs[Math.floor(Math.random() * xs.length)]
}

/**
 * A whole return of one line: open it, approve it, ship it back, receive it; the refund follows
 * as the order's effect. Most picks are not returnable (unpaid, unshipped): those answer 4xx.
 */
async function returnOne(w, buyer, order) {
  const id = order.children.length > 0 ? pick(order.children) : order.id
  const opened = await buyer('POST', `/v1/orders/${id}/after-sales`, {
    type: 'return_refund',
    lines: [{ lineNo: 1, qty: 1 }],
    reason: 'soak',
  })
  if (opened.status !== 201) return opened
  const asId = opened.body.id
  const clerk = caller(w, 'soak-admin-2', 'admin')
  await clerk('POST', `/v1/merchant/orders/${id}/after-sales/${asId}/approve`)
  await buyer('POST', `/v1/orders/${id}/after-sales/${asId}/ship-back`, {
    carrier: 'SF',
    trackingNumber: 'R1',
  })
  return clerk('POST', `/v1/merchant/orders/${id}/after-sales/${asId}/receive`)
}

/** One client's loop: each turn it acts for a random buyer, by weight, and records what it did. */
async function client(w, deadline, tally, orders) {
  while (performance.now() < deadline) {
    const b = Math.floor(Math.random() * buyers)
    const buyer = caller(w, `sb-${b}`, 'buyer')
    const roll = Math.random()
    const mine = orders.filter((o) => o.buyer === b)
    let res
    if (roll < 0.3) {
      const lines = [pick(['sk-1', 'sk-2']), pick(['sk-3', 'sk-2'])]
        .filter((v, i, a) => a.indexOf(v) === i)
        .map((skuId) => ({ skuId, qty: 1 + Math.floor(Math.random() * 2) }))
      res = await buyer(
        'POST',
        '/v1/orders',
        { lines, address },
        { 'Idempotency-Key': `soak-${b}-${Math.random()}` },
      )
      if (res.status === 201)
        orders.push({
          id: res.body.id,
          buyer: b,
          children: (res.body.children ?? []).map((c) => c.id),
          storeIds: res.body.storeIds,
        })
      tally('place', res.status)
    } else if (roll < 0.4) {
      res = await buyer(
        'POST',
        '/v1/orders',
        { lines: [{ skuId: 'sk-hot', qty: 1 }], address },
        { 'Idempotency-Key': `hot-${b}-${Math.random()}` },
      )
      if (res.status === 201)
        orders.push({ id: res.body.id, buyer: b, children: [], storeIds: res.body.storeIds })
      tally('flash', res.status)
    } else if (roll < 0.65 && mine.length > 0) {
      res = await buyer('POST', `/v1/orders/${pick(mine).id}/pay`)
      tally('pay', res.status)
    } else if (roll < 0.72 && mine.length > 0) {
      res = await buyer('POST', `/v1/orders/${pick(mine).id}/cancel`)
      tally('cancel', res.status)
    } else if (roll < 0.87 && mine.length > 0) {
      const o = pick(mine)
      const target = o.children.length > 0 ? pick(o.children) : o.id
      const store = o.children.length > 0 ? null : o.storeIds[0]
      const merchant = caller(w, 'soak-clerk', 'merchant', store ?? 'ss-a')
      res = await merchant('POST', `/v1/merchant/orders/${target}/ship`, {
        carrier: 'SF',
        trackingNumber: `T${b}`,
      })
      tally('ship', res.status)
    } else if (roll < 0.94 && mine.length > 0) {
      const o = pick(mine)
      res = await buyer(
        'POST',
        `/v1/orders/${o.children.length > 0 ? pick(o.children) : o.id}/confirm-receipt`,
      )
      tally('confirm', res.status)
    } else if (mine.length > 0) {
      res = await returnOne(w, buyer, pick(mine))
      tally('return', res.status)
    }
  }
}

export async function soak() {
  const w = await startWorker({
    ORDER_VELOCITY_PER_MINUTE: '1000',
    PAYMENT_TIMEOUT_SECONDS: '20',
    AUTO_CONFIRM_SECONDS: '30',
  })
  try {
    const skus = await seed(w)
    const counts = new Map()
    const tally = (kind, status) => {
      const key = `${kind} ${status}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const orders = []
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: clients }, () => client(w, t0 + seconds * 1000, tally, orders)),
    )
    const elapsed = (performance.now() - t0) / 1000
    const requests = [...counts.values()].reduce((a, b) => a + b, 0)
    process.stdout.write(
      `soak: ${seconds}s, ${clients} clients, ${requests} requests, ${(requests / elapsed).toFixed(1)} req/s\n`,
    )
    for (const [k, v] of [...counts].sort()) process.stdout.write(`  ${k.padEnd(16)} ${v}\n`)
    process.stdout.write(
      'waiting for payment deadlines, auto-confirmation and outboxes to settle...\n',
    )
    await new Promise((r) => setTimeout(r, 45_000))
    const report = await checkInvariants(w, skus, orders)
    process.stdout.write(`${report.lines.join('\n')}\nviolations: ${report.violations.length}\n`)
    for (const v of report.violations.slice(0, 20)) process.stdout.write(`  VIOLATION ${v}\n`)
    if (report.violations.length > 0) process.exitCode = 1
  } finally {
    await w.dispose()
  }
}
