// quote() in-process: the pure pricing engine bundled for Node and called in a tight loop on the
// same five-line, three-store cart the place scenario submits.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

async function loadQuote() {
  const outfile = path.join(root, '.wrangler', 'bench', 'quote.mjs')
  await mkdir(path.dirname(outfile), { recursive: true })
  await build({
    entryPoints: [path.join(root, 'src', 'domain', 'pricing', 'quote.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  })
  return import(outfile)
}

const cny = (amount) => ({ amount, currency: 'CNY' })
const day = 86_400_000

export function benchCart() {
  const lines = [
    ['bk-1', 'bs-a', 10000],
    ['bk-2', 'bs-a', 20000],
    ['bk-3', 'bs-b', 30000],
    ['bk-4', 'bs-b', 4500],
    ['bk-5', 'bs-c', 12900],
  ].map(([skuId, storeId, amount], i) => ({
    lineNo: i + 1,
    skuId,
    storeId,
    categoryId: 'bench',
    unitPrice: cny(amount),
    qty: 1,
    weightGrams: 500,
  }))
  return { lines }
}

function benchContext(now) {
  const window = { startsAt: now - day, endsAt: now + day }
  return {
    now,
    currency: 'CNY',
    regionCode: 'CN-31',
    userId: 'bb-1',
    member: null,
    memberLevels: [],
    pointsPolicy: null,
    pointsRequested: 0,
    promotions: [
      {
        id: 'bp-1',
        level: 'platform',
        rule: { kind: 'spend_save', threshold: cny(20000), amountOff: cny(3000) },
        scope: {},
        priority: 1,
        exclusive: false,
        ...window,
      },
    ],
    couponTemplates: [
      {
        id: 'bt-1',
        threshold: cny(0),
        benefit: { kind: 'amount_off', amountOff: cny(1000) },
        scope: {},
        stacking: 'stackable',
        ...window,
      },
    ],
    coupons: [{ id: 'bc-1', templateId: 'bt-1', userId: 'bb-1', status: 'available', ...window }],
    couponSelection: 'auto',
    freightTemplates: [],
  }
}

export async function quoteThroughput(iterations = 20_000) {
  const { quote } = await loadQuote()
  const cart = benchCart()
  const context = benchContext(Date.now())
  const first = quote(cart, context)
  if (!first.ok) throw new Error(`bench cart does not quote: ${first.code}`)
  for (let i = 0; i < 1000; i++) quote(cart, context)
  const t0 = performance.now()
  for (let i = 0; i < iterations; i++) quote(cart, context)
  const seconds = (performance.now() - t0) / 1000
  return { perSecond: iterations / seconds, payable: first.value.totals.payable.amount }
}
