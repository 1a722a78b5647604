// The counted cost of single flash-sale attempts (METERS=on): one placed order, one refused by
// the per-buyer limit, one refused as sold out. Each attempt runs alone, with the meters zeroed
// before it and read once its background work (outbox flush, effects) has gone quiet.
import { readMeters } from './cost.mjs'
import { signToken } from './tokens.mjs'
import { benchSecret } from './worker.mjs'

const out = (text) => process.stdout.write(`${text}\n`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const address = {
  name: 'Fan',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Road',
}

async function quiet(w, quietMs = 600) {
  let last = JSON.stringify(await readMeters(w))
  let since = Date.now()
  while (Date.now() - since < quietMs) {
    await sleep(100)
    const now = JSON.stringify(await readMeters(w))
    if (now !== last) {
      last = now
      since = Date.now()
    }
  }
}

function attempt(w, buyer, sku, key) {
  const token = signToken(benchSecret, { sub: buyer, role: 'buyer' })
  return w.fetch('/v1/orders', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify({ lines: [{ skuId: sku, qty: 1 }], address }),
  })
}

/** One attempt alone, and what it cost. */
export async function counted(w, buyer, sku, key) {
  await quiet(w)
  await readMeters(w, true)
  const res = await attempt(w, buyer, sku, key)
  const body = await res.json()
  await quiet(w)
  return { status: res.status, code: body?.error?.code ?? null, meters: await readMeters(w) }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0)

export function showAttempt(label, { status, code, meters: m }) {
  const calls = Object.entries(m.doCalls)
    .map(
      ([cls, c]) =>
        `${cls} ${sum(Object.values(c))} (${Object.entries(c)
          .map(([k, v]) => `${k}×${v}`)
          .join(' ')})`,
    )
    .join(', ')
  const rows = Object.entries(m.doRowsWritten)
    .map(([cls, r]) => `${cls} ${r}`)
    .join(', ')
  out(`${label} → ${status}${code ? ` ${code}` : ''}`)
  out(`  DO calls: ${calls || 'none'}`)
  out(`  storage rows written: ${sum(Object.values(m.doRowsWritten))}${rows ? ` (${rows})` : ''}`)
  out(`  D1 queries: ${m.d1Queries}, D1 rows written: ${m.d1RowsWritten}`)
  out(`  log lines: ${m.logLines}`)
}

/**
 * Before the sale: a placed order and a per-buyer-limit refusal of the same buyer, then the same
 * refusal again (the first of a kind in ten seconds writes its log line, the rest are counted).
 */
export async function countBeforeSale(w, sku) {
  const placed = await counted(w, 'fan-counted', sku, 'flash-counted-1')
  const limited = await counted(w, 'fan-counted', sku, 'flash-counted-2')
  const limitedAgain = await counted(w, 'fan-counted', sku, 'flash-counted-3')
  return { placed, limited, limitedAgain }
}

/** After the sale: a new buyer finds it sold out, then tries again at the same home bucket. */
export async function countAfterSale(w, sku) {
  const late = await counted(w, 'fan-late', sku, 'flash-counted-late')
  const lateAgain = await counted(w, 'fan-late', sku, 'flash-counted-late-2')
  return { late, lateAgain }
}
