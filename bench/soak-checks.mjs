// The soak's checker: what every order actor, stock actor and D1 say after the traffic, and
// every way they may disagree with each other or with the rules.
import { signToken } from './tokens.mjs'
import { benchSecret } from './worker.mjs'

async function get(w, path) {
  const token = signToken(benchSecret, { sub: 'soak-auditor', role: 'admin' })
  const res = await w.fetch(path, { headers: { Authorization: `Bearer ${token}` } })
  return res.json()
}

async function rows(w, sql, ...args) {
  return (
    await w.db
      .prepare(sql)
      .bind(...args)
      .all()
  ).results
}

async function checkStock(w, skus, violations, lines) {
  const soldBySku = new Map(
    (
      await rows(
        w,
        `SELECT l.sku_id, sum(l.qty) AS qty FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.paid_at IS NOT NULL AND o.status <> 'split' GROUP BY l.sku_id`,
      )
    ).map((r) => [r.sku_id, r.qty]),
  )
  for (const sku of skus) {
    const { counts } = await get(w, `/v1/admin/stock/${sku}`)
    const { received, available, reserved, sold } = counts
    lines.push(
      `stock ${sku.padEnd(7)} received ${received} = available ${available} + reserved ${reserved} + sold ${sold}`,
    )
    if (received !== available + reserved + sold)
      violations.push(`${sku}: stock not conserved ${JSON.stringify(counts)}`)
    if ([received, available, reserved, sold].some((n) => n < 0))
      violations.push(`${sku}: negative count`)
    if (reserved !== 0)
      violations.push(`${sku}: ${reserved} units still reserved after every deadline passed`)
    if (sold !== (soldBySku.get(sku) ?? 0))
      violations.push(`${sku}: sold ${sold} but paid orders hold ${soldBySku.get(sku) ?? 0}`)
  }
}

async function checkMoney(w, violations, lines) {
  const paid = await rows(
    w,
    `SELECT o.id, o.payable_amount, o.paid_amount, o.status,
      (SELECT coalesce(sum(amount), 0) FROM payments_ledger p WHERE p.order_id = o.id AND p.kind = 'payment') AS booked
    FROM orders o WHERE o.paid_amount > 0`,
  )
  for (const o of paid) {
    if (o.paid_amount !== o.payable_amount)
      violations.push(`${o.id}: paid ${o.paid_amount} of payable ${o.payable_amount}`)
    if (o.booked !== o.paid_amount)
      violations.push(`${o.id}: ledger books ${o.booked}, order says paid ${o.paid_amount}`)
  }
  const flows = await rows(
    w,
    `SELECT order_id,
      sum(CASE WHEN kind IN ('payment', 'payment_mismatch', 'late_payment') THEN amount ELSE 0 END) AS money_in,
      sum(CASE WHEN kind IN ('refund', 'late_payment_refund') THEN amount ELSE 0 END) AS money_out
    FROM payments_ledger GROUP BY order_id`,
  )
  for (const f of flows) {
    if (f.money_out > f.money_in)
      violations.push(`${f.order_id}: refunded ${f.money_out} of ${f.money_in} paid`)
  }
  const totals = flows.reduce((t, f) => ({ in: t.in + f.money_in, out: t.out + f.money_out }), {
    in: 0,
    out: 0,
  })
  lines.push(`money: ${paid.length} paid orders, ${totals.in} in, ${totals.out} refunded`)
}

async function checkHistory(
  w,
  orders,
  violations,
  lines,
  ids = orders.flatMap((o) => [o.id, ...o.children]),
) {
  let events = 0
  for (const id of ids) {
    const actor = await get(w, `/v1/orders/${id}/history`)
    const d1 = await rows(
      w,
      'SELECT seq, action, to_status FROM order_events WHERE order_id = ? ORDER BY seq',
      id,
    )
    const mine = (actor.events ?? []).map((e) => `${e.seq}:${e.action}:${e.to}`).join(' ')
    const theirs = d1.map((e) => `${e.seq}:${e.action}:${e.to_status}`).join(' ')
    events += d1.length
    if (mine !== theirs)
      violations.push(`${id}: D1 history [${theirs}] differs from the actor's [${mine}]`)
  }
  lines.push(`history: ${ids.length} orders, ${events} events, D1 compared with every actor's log`)
}

/**
 * Outboxes whose D1 batch failed under load retry with backoff (at most two minutes apart), so
 * history can trail the actors. D1 has drained once nothing in it changed for longer than the
 * longest backoff (or ten minutes pass).
 */
async function settled(w) {
  const fingerprint = async () =>
    JSON.stringify(
      await rows(
        w,
        `SELECT (SELECT count(*) FROM order_events) AS events,
        (SELECT count(*) FROM payments_ledger) AS ledger, (SELECT sum(version) FROM orders) AS versions`,
      ),
    )
  const deadline = Date.now() + 600_000
  let last = await fingerprint()
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150_000))
    const now = await fingerprint()
    if (now === last) return
    last = now
  }
}

/**
 * D1 has caught up when it holds every actor's log: the definitive sign the outboxes drained.
 * Orders that still differ are compared again until they agree, or ten minutes pass.
 */
async function drained(w, orders) {
  let pending = orders.flatMap((o) => [o.id, ...o.children])
  const deadline = Date.now() + 600_000
  while (pending.length > 0 && Date.now() < deadline) {
    const behind = []
    await checkHistory(w, [], behind, [], pending)
    pending = behind.map((v) => v.split(':')[0])
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 15_000))
  }
}

export async function checkInvariants(w, skus, orders) {
  const violations = []
  const lines = []
  await settled(w)
  await drained(w, orders)
  const statuses = await rows(
    w,
    'SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY status',
  )
  lines.push(`orders: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`)
  await checkStock(w, skus, violations, lines)
  await checkMoney(w, violations, lines)
  await checkHistory(w, orders, violations, lines)
  if (process.env.SOAK_DIAGNOSE) {
    const odd = await rows(
      w,
      `SELECT o.id, o.status, o.paid_amount, o.paid_at, o.cancel_reason,
      (SELECT group_concat(kind) FROM payments_ledger p WHERE p.order_id = o.id) AS ledger,
      (SELECT group_concat(action) FROM order_events e WHERE e.order_id = o.id) AS actions
      FROM orders o WHERE (o.paid_at IS NULL AND EXISTS (SELECT 1 FROM payments_ledger p WHERE p.order_id = o.id AND p.kind = 'payment'))
        OR (o.paid_at IS NOT NULL AND o.status <> 'split' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)) LIMIT 40`,
    )
    for (const r of odd) lines.push(`  odd ${JSON.stringify(r)}`)
    const split = await rows(
      w,
      `SELECT l.sku_id, o.status, o.parent_id IS NOT NULL AS child, sum(l.qty) AS qty, count(*) AS n
      FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    for (const r of split) lines.push(`  paid ${JSON.stringify(r)}`)
    const probe = await rows(
      w,
      `SELECT
      (SELECT count(DISTINCT e.order_id) FROM order_events e JOIN order_lines l ON l.order_id = e.order_id WHERE e.action = 'pay' AND l.sku_id = 'sk-hot') AS paid_by_events,
      (SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.paid_at IS NOT NULL AND l.sku_id = 'sk-hot') AS paid_by_rows,
      (SELECT count(*) FROM order_events e WHERE e.action = 'pay' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = e.order_id AND o.paid_at IS NOT NULL)) AS pay_events_without_paid_at,
      (SELECT count(*) FROM order_events e WHERE e.action = 'pay' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = e.order_id)) AS pay_events_without_lines`,
    )
    lines.push(`  probe ${JSON.stringify(probe)}`)
  }
  return { violations, lines }
}
