// Synthetic history for the reports bench: orders with lines, events, ledger rows, provider
// statement rows and after-sales, spread over a year, inserted as multi-row INSERTs in batches
// through the Miniflare D1 binding. Deterministic (a seeded generator), so runs compare.

const day = 86_400_000
const min = 60_000

function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const q = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`)
const values = (rows) => rows.map((r) => `(${r.map(q).join(',')})`).join(',\n')

const path = ['pending_payment', 'pending_shipment', 'pending_receipt', 'completed']
const stepGap = [0, 20 * min, 1.5 * day, 4 * day]

/** One order and everything it left in history. */
function makeOrder(i, now, random, out) {
  const id = `bo-${String(i).padStart(6, '0')}`
  const createdAt = now - Math.floor(random() * 365 * day)
  const store = `bs-${Math.floor(random() * 20)}`
  const type = random() < 0.9 ? 'physical' : 'virtual'
  const roll = random()
  const reached =
    roll < 0.08 ? 0 : roll < 0.12 ? -1 : 1 + Math.floor(random() * (type === 'virtual' ? 1 : 3))
  const lines = 1 + Math.floor(random() * 3)
  let items = 0
  let coupon = 0
  for (let n = 1; n <= lines; n++) {
    const sku = `${store}-sku-${Math.floor(random() * 25)}`
    const qty = 1 + Math.floor(random() * 3)
    const amount = qty * (1000 + Math.floor(random() * 20000))
    const off = random() < 0.3 ? Math.floor(amount / 10) : 0
    items += amount
    coupon += off
    out.lines.push([
      id,
      n,
      sku,
      store,
      `Title ${sku}`,
      qty,
      'CNY',
      Math.floor(amount / qty),
      amount,
      off,
      amount - off,
      createdAt,
    ])
  }
  const freight = random() < 0.5 ? 800 : 0
  const payable = items - coupon + freight
  const status =
    reached === -1 ? 'cancelled' : type === 'virtual' && reached >= 1 ? 'completed' : path[reached]
  const at = (k) => createdAt + stepGap.slice(0, k + 1).reduce((a, b) => a + b, 0)
  const paidAt = reached >= 1 ? at(1) : null
  out.orders.push([
    id,
    `bu-${i % 5000}`,
    store,
    type,
    status,
    'CNY',
    items,
    coupon,
    freight,
    payable,
    paidAt ? payable : 0,
    1,
    createdAt,
    paidAt,
    createdAt,
  ])
  const statuses =
    reached === -1
      ? ['pending_payment', 'cancelled']
      : type === 'virtual' && reached >= 1
        ? ['pending_payment', 'completed']
        : path.slice(0, reached + 1)
  statuses.forEach((s, k) => {
    const time = reached === -1 && k === 1 ? createdAt + 30 * min : at(k)
    out.events.push([
      id,
      k + 1,
      k === 0 ? 'place' : `to_${s}`,
      k === 0 ? null : statuses[k - 1],
      s,
      'system',
      'bench',
      '{}',
      time,
    ])
  })
  if (paidAt) paid(id, store, payable, paidAt, random, out)
}

function paid(id, store, amount, at, random, out) {
  const pay = `pay_${id}`
  out.ledger.push([
    `payment:${id}:${pay}`,
    id,
    'payment',
    pay,
    amount,
    'CNY',
    'succeeded',
    at + 1000,
  ])
  out.statement.push([pay, 'payment', `cs_${id}`, pay, id, amount, 'CNY', `evt_${id}`, at])
  if (random() < 0.03) {
    const re = `re_${id}`
    const back = Math.floor(amount / 2)
    out.ledger.push([
      `refund:${id}:${re}`,
      id,
      'refund',
      re,
      back,
      'CNY',
      'succeeded',
      at + 3 * day,
    ])
    out.statement.push([
      re,
      'refund',
      `cs_${id}`,
      pay,
      id,
      back,
      'CNY',
      `evt_re_${id}`,
      at + 3 * day,
    ])
  }
  if (random() < 0.04) {
    const type = ['refund_only', 'return_refund', 'exchange'][Math.floor(random() * 3)]
    const reason = ['damaged', 'wrong_size', 'not_as_described', 'late'][Math.floor(random() * 4)]
    const status = ['succeeded', 'rejected', 'pending_review'][Math.floor(random() * 3)]
    out.afterSales.push([
      `as_${id}`,
      id,
      'bu',
      store,
      type,
      reason,
      status,
      Math.floor(amount / 3),
      'CNY',
      at + 2 * day,
      at + 2 * day,
    ])
  }
}

const inserts = {
  orders: `INSERT INTO orders (id, user_id, store_id, type, status, currency, items_amount,
    coupon_discount_amount, freight_amount, payable_amount, paid_amount, version, created_at,
    paid_at, updated_at) VALUES `,
  lines: `INSERT INTO order_lines (order_id, line_no, sku_id, store_id, title, qty, currency,
    unit_price_amount, line_amount, coupon_discount_amount, final_amount, created_at) VALUES `,
  events: `INSERT INTO order_events (order_id, seq, action, from_status, to_status, actor_role,
    actor_id, payload, at) VALUES `,
  ledger: `INSERT INTO payments_ledger (id, order_id, kind, provider_ref, amount, currency, status,
    at) VALUES `,
  statement: `INSERT INTO sandbox_statement (id, kind, session_id, payment_id, order_id, amount,
    currency, event_id, at) VALUES `,
  afterSales: `INSERT INTO after_sales (id, order_id, user_id, store_id, type, reason, status,
    refund_amount, currency, created_at, updated_at) VALUES `,
}

/** Loads `total` orders in batches; returns how many rows each table got. */
export async function loadHistory(db, { total, now, batch = 250 }) {
  const random = rng(20260422)
  const counts = Object.fromEntries(Object.keys(inserts).map((k) => [k, 0]))
  for (let start = 0; start < total; start += batch) {
    const out = Object.fromEntries(Object.keys(inserts).map((k) => [k, []]))
    for (let i = start; i < Math.min(start + batch, total); i++) makeOrder(i, now, random, out)
    const statements = []
    for (const [table, rows] of Object.entries(out)) {
      counts[table] += rows.length
      // D1 caps a statement at 100 KB of SQL; 200 rows of these tables stay well under.
      for (let k = 0; k < rows.length; k += 200) {
        statements.push(db.prepare(inserts[table] + values(rows.slice(k, k + 200))))
      }
    }
    await db.batch(statements)
  }
  return counts
}
