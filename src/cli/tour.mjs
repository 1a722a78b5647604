#!/usr/bin/env node
// npm run tour: runs the README's curl tour (the ```sh block under "## A tour with curl", read
// from README.md itself, so the two cannot drift) and the second tour of docs/second-tour.md, each
// twice against a running `npm start`, and checks every answer of each run. BASE, or PORT, says
// where the server is (default 127.0.0.1:8787).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const base = process.env.BASE ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`
const say = (text) => process.stdout.write(`${text}\n`)

function tourScript(file, heading) {
  const text = readFileSync(file, 'utf8')
  const section = text.split(new RegExp(`^${heading}$`, 'm'))[1]
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1]
  if (!block) throw new Error(`${file} has no \`\`\`sh block under "${heading}"`)
  return block
}

const cny = (amount) => ({ amount, currency: 'CNY' })
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

/** What each answer of the README tour must say, in the order the tour prints them. */
const readmeChecks = [
  ['the tea SKU at 100.00', (a) => a.id === 'sku-tea-a' && same(a.price, cny(10000))],
  ['its live availability', (a) => a.skuId === 'sku-tea-a' && Number.isInteger(a.available)],
  [
    'a 150.00 voucher issued',
    (a) => a.templateId === 'tpl-platform-150' && a.status === 'available',
  ],
  [
    'the worked example pays 300.00 with finals 45.45, 90.91, 163.64',
    (a) =>
      same(a.payable, cny(30000)) &&
      same(
        a.lines.map((l) => l.finalAmount.amount),
        [4545, 9091, 16364],
      ),
  ],
  [
    'two teas placed at 150.00',
    (a) => a.status === 'pending_payment' && same(a.amounts.payable, cny(15000)),
  ],
  ['the sandbox webhook pays it', (a) => a.outcome === 'paid'],
  ['the merchant ships it', (a) => a.status === 'pending_receipt'],
  ['the buyer confirms receipt', (a) => a.status === 'completed'],
  ['its event log ends completed', (a) => a.events.at(-1)?.to === 'completed'],
  ["the buyer's order list", (a) => Array.isArray(a.items)],
]

const kidsOf = (a) => a.children.map((c) => c.status)

/** The second tour: mixed cart, seller cancel, after-sale status, a served machine. */
const secondChecks = [
  [
    'a mixed cart split by order type into two packages',
    (a) => a.status === 'split' && a.children.every((c) => c.reasons.includes('order_type')),
  ],
  ['one payment pays both packages', (a) => a.outcome === 'paid'],
  [
    'the gift card completed on payment, the speaker awaits shipment',
    (a) => same(kidsOf(a), ['pending_shipment', 'completed']),
  ],
  [
    "the merchant's cancel of a paid order",
    (a) => a.status === 'cancelled' && a.cancelReason === 'SELLER_OUT_OF_STOCK',
  ],
  ['a refund-only after-sale opened', (a) => a.type === 'refund_only'],
  [
    'every perspective reads the after-sale',
    (a) =>
      a.status === 'completed' &&
      a.labels.buyer.zh === '退款中' &&
      a.labels.merchant.zh === '售后中' &&
      a.labels.service.zh === '售后中',
  ],
  [
    'the list filtered on open after-sales',
    (a) => a.items.length > 0 && a.items.every((i) => i.afterSale !== 'none'),
  ],
  ['the refund-only machine', (a) => a.type === 'refund_only' && a.family === 'after_sale'],
  [
    'one of two speakers cancelled before shipment, the order placed from the app',
    (a) =>
      a.status === 'pending_shipment' &&
      a.attributes?.channel === 'app' &&
      a.attributes?.delivery === 'express' &&
      a.lines[0]?.cancelledQty === 1,
  ],
  ['a subscription, active', (a) => a.status === 'active' && a.plan?.cycles === 4],
  ['the subscription cancelled by customer service', (a) => a.status === 'cancelled'],
]

const tours = [
  { name: 'README tour', file: 'README.md', heading: '## A tour with curl', checks: readmeChecks },
  {
    name: 'second tour',
    file: 'docs/second-tour.md',
    heading: '## The tour',
    checks: secondChecks,
  },
]

function runOnce(script, checks, n) {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
    env: { ...process.env, BASE: base },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`run ${n}: the tour stopped (exit ${r.status}):\n${r.stderr}`)
  const answers = r.stdout
    .trim()
    .split('\n')
    .map((line, i) => {
      try {
        return JSON.parse(line)
      } catch {
        throw new Error(`run ${n}: answer ${i + 1} is not JSON: ${line.slice(0, 200)}`)
      }
    })
  if (answers.length !== checks.length) {
    throw new Error(`run ${n}: ${answers.length} answers, expected ${checks.length}`)
  }
  checks.forEach(([what, ok], i) => {
    let passed = false
    try {
      passed = ok(answers[i])
    } catch {
      passed = false
    }
    if (!passed) {
      throw new Error(`run ${n}: ${what}: got ${JSON.stringify(answers[i]).slice(0, 300)}`)
    }
  })
  return JSON.stringify(answers.map((a) => a.id ?? null))
}

try {
  const health = await fetch(`${base}/v1/health`).catch(() => null)
  if (!health?.ok) throw new Error(`no server at ${base}: start one with npm start`)
  for (const tour of tours) {
    const script = tourScript(tour.file, tour.heading)
    const first = runOnce(script, tour.checks, 1)
    say(`${tour.name}, run 1: ${tour.checks.length} answers as ${tour.file} says`)
    const second = runOnce(script, tour.checks, 2)
    if (second === first) throw new Error(`${tour.name}: run 2 met the orders of run 1`)
    say(`${tour.name}, run 2: ${tour.checks.length} answers as ${tour.file} says`)
  }
  say('ok: both tours run twice as written')
} catch (e) {
  process.stderr.write(`tour failed: ${e instanceof Error ? e.message : e}\n`)
  process.exit(1)
}
