import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import catalogSeed from '../../migrations/seed/demo-catalog.sql?raw'
import pricingSeed from '../../migrations/seed/demo-pricing.sql?raw'
import { admin, quote } from '../support/checkout'
import { uid } from '../support/ids'
import { cny } from '../support/pricing'
import { clearWalletAlarms } from '../support/wallet'

afterEach(clearWalletAlarms)

/** Runs a seed file the way `wrangler d1 execute --file` does: statement by statement. */
async function runSeed(sql: string): Promise<void> {
  const statements = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  for (const statement of statements) await env.DB.prepare(statement).run()
}

describe('demo pricing seed (npm start)', () => {
  it('reproduces the worked discount example for a buyer given the 150 voucher, and re-runs cleanly', async () => {
    // Seeds are global rows: this file is the only one that loads them.
    await runSeed(catalogSeed)
    await runSeed(pricingSeed)
    await runSeed(pricingSeed)
    const buyer = uid('alice')
    await admin('POST', '/v1/admin/coupon-templates/tpl-platform-150/issue', { userId: buyer })
    const lines = ['sku-tea-a', 'sku-teapot-b', 'sku-speaker-c'].map((skuId) => ({ skuId, qty: 1 }))
    const res = await quote(buyer, { lines })
    expect(res.status).toBe(200)
    expect(res.body.payable).toEqual(cny(30000))
    expect(res.body.lines.map((l) => l.finalAmount.amount)).toEqual([4545, 9091, 16364])
    expect(res.body.totals).toMatchObject({ freight: cny(0), coupon: cny(15000) })
  })
})
