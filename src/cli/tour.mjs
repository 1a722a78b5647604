#!/usr/bin/env node
// npm run tour: runs the README's curl tour (the ```sh block under "## A tour with curl", read
// from README.md itself, so the two cannot drift) twice against a running `npm start`, and checks
// every answer of each run. BASE, or PORT, says where the server is (default 127.0.0.1:8787).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const base = process.env.BASE ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`
const say = (text) => process.stdout.write(`${text}\n`)

function tourScript() {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.split(/^## A tour with curl$/m)[1]
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1]
  if (!block) throw new Error('README.md has no ```sh block under "## A tour with curl"')
  return block
}

const cny = (amount) => ({ amount, currency: 'CNY' })
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

/** What each answer of the tour must say, in the order the tour prints them. */
const checks = [
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

function runOnce(script, n) {
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
  return answers[4].id
}

try {
  const health = await fetch(`${base}/v1/health`).catch(() => null)
  if (!health?.ok) throw new Error(`no server at ${base}: start one with npm start`)
  const script = tourScript()
  const first = runOnce(script, 1)
  say(`run 1: ${checks.length} answers as the README says (order ${first})`)
  const second = runOnce(script, 2)
  if (second === first) throw new Error('run 2 met the order of run 1')
  say(`run 2: ${checks.length} answers as the README says (order ${second})`)
  say('ok: the README tour runs twice as written')
} catch (e) {
  process.stderr.write(`tour failed: ${e instanceof Error ? e.message : e}\n`)
  process.exit(1)
}
