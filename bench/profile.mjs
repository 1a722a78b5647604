// A CPU profile of a flash sale inside workerd: seeds one hot SKU, starts the V8 profiler through
// workerd's inspector, sells it out with concurrent buyers (placements, limit refusals, sold-out
// refusals), and prints where the isolate spent its time, by function, heaviest first.
import { WebSocket } from 'ws'
import { signToken } from './tokens.mjs'
import { benchSecret, startWorker } from './worker.mjs'

const out = (text) => process.stdout.write(`${text}\n`)
const units = Number(process.env.UNITS ?? 300)
const attempts = Number(process.env.ATTEMPTS ?? 1200)
const buyers = Number(process.env.BUYERS ?? 600)
const run = Date.now().toString(36)
const inspectorPort = 9300 + Math.floor(Math.random() * 500)
const address = {
  name: 'Fan',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Road',
}

function admin(w, method, p, body) {
  const token = signToken(benchSecret, { sub: 'bench-admin', role: 'admin' })
  return w.fetch(p, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function seed(w) {
  await admin(w, 'PUT', '/v1/admin/stores/st-1', { name: 'flash store', currency: 'CNY' })
  await admin(w, 'PUT', '/v1/admin/warehouses/wh-1', {
    name: 'wh',
    regions: [{ region: '*', priority: 0 }],
  })
  await admin(w, 'POST', '/v1/admin/skus', {
    id: 'sku-1',
    storeId: 'st-1',
    title: 'hot',
    price: { amount: 9900, currency: 'CNY' },
  })
  await admin(w, 'PUT', '/v1/admin/stock/sku-1/policy', { deduction: 'on_place', perBuyerLimit: 1 })
  await admin(w, 'PUT', '/v1/admin/stock/sku-1/wh-1', { buckets: 8, onHand: units })
}

function inspector() {
  const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/core:user:edge-order-center`)
  let id = 0
  const waiting = new Map()
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m))
    if (msg.id && waiting.has(msg.id)) waiting.get(msg.id)(msg.result)
  })
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      id += 1
      waiting.set(id, resolve)
      ws.send(JSON.stringify({ id, method, params }))
    })
  return new Promise((resolve) => ws.on('open', () => resolve({ send, close: () => ws.close() })))
}

async function sellOut(w) {
  const tokens = Array.from({ length: buyers }, (_, i) =>
    signToken(benchSecret, { sub: `b-${i}`, role: 'buyer' }),
  )
  const statuses = {}
  let next = 0
  async function lane() {
    while (next < attempts) {
      const i = next++
      const res = await w.fetch('/v1/orders', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens[i % buyers]}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `prof-${run}-${i}`,
        },
        body: JSON.stringify({ lines: [{ skuId: 'sku-1', qty: 1 }], address }),
      })
      await res.arrayBuffer()
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
    }
  }
  const t0 = Date.now()
  await Promise.all(Array.from({ length: Number(process.env.LANES ?? 50) }, lane))
  return { statuses, ms: Date.now() - t0 }
}

function heaviest(profile) {
  const self = new Map()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const dt = new Map()
  profile.samples.forEach((s, i) => {
    dt.set(s, (dt.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map()
  const keyOf = (n) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
  for (const [nid, us] of dt) {
    const seen = new Set()
    for (let id = nid; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id))
      if (seen.has(k)) continue
      seen.add(k)
      inclusive.set(k, (inclusive.get(k) ?? 0) + us)
    }
  }
  let total = 0
  for (const [nid, us] of dt) {
    const n = byId.get(nid)
    const f = n.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + us)
    total += us
  }
  return {
    total,
    top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30),
    inclusive: [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60),
  }
}

export async function profileFlash() {
  const w = await startWorker(
    { ORDER_VELOCITY_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' },
    { inspectorPort },
  )
  try {
    await seed(w)
    const ins = await inspector()
    await ins.send('Profiler.enable')
    await ins.send('Profiler.setSamplingInterval', { interval: 200 })
    await ins.send('Profiler.start')
    const run = await sellOut(w)
    const { profile } = await ins.send('Profiler.stop')
    ins.close()
    const { total, top, inclusive } = heaviest(profile)
    out(`${attempts} attempts in ${run.ms} ms: ${JSON.stringify(run.statuses)}`)
    out(`sampled ${(total / 1000).toFixed(0)} ms of isolate time`)
    out('self time')
    for (const [k, us] of top)
      out(
        `${(us / 1000).toFixed(1).padStart(8)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
      )
    out('inclusive time')
    for (const [k, us] of inclusive)
      out(
        `${(us / 1000).toFixed(1).padStart(8)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
      )
  } finally {
    await w.dispose()
  }
}
