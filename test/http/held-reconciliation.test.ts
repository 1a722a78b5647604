import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { runReconciliation } from '../../src/reports/reconciliation-run'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder, settle } from '../support/orders'

const hourMs = 3_600_000
const around = () => ({ from: Date.now() - hourMs, to: Date.now() + 60_000 })

/** An order whose first payment brought `amount` instead of 5000: held for review. */
async function heldOrder(amount: number) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 5000 })
  const buyer = uid('buyer')
  const id = (await placeOrder(buyer, [{ skuId: sku, qty: 1 }])).body.id
  const buyerToken = await token('buyer', buyer)
  const session = await api<{ sessionId: string }>('POST', `/v1/orders/${id}/payments`, {
    token: buyerToken,
  })
  const sessionId = session.body.sessionId
  await api('POST', `/v1/sandbox/payments/${sessionId}/complete`, {
    token: buyerToken,
    body: { amount },
  })
  await settle(id)
  const paymentId = await env.DB.prepare('SELECT payment_id FROM sandbox_sessions WHERE id = ?1')
    .bind(sessionId)
    .first<string>('payment_id')
  if (!paymentId) throw new Error('not paid')
  return { id, paymentId }
}

describe('reconciliation of held payments', () => {
  it('reports money held for review longer than HELD_PAYMENT_MAX_AGE_SECONDS', async () => {
    const { id, paymentId } = await heldOrder(4000)
    const fresh = await runReconciliation(env, around(), { trigger: 'manual' })
    expect(fresh.mismatches.filter((m) => m.mismatch.orderId === id)).toEqual([])

    const later = Date.now() + 3 * 24 * hourMs
    const range = { from: later - 24 * hourMs, to: later }
    const old = await runReconciliation(env, range, { trigger: 'manual', now: () => later })
    const found = old.mismatches.filter((m) => m.mismatch.orderId === id).map((m) => m.mismatch)
    expect(found).toEqual([
      {
        key: `HELD_TOO_LONG:${id}:${paymentId}`,
        kind: 'HELD_TOO_LONG',
        orderId: id,
        paymentId,
        refundId: null,
        currency: 'CNY',
        expected: 5000,
        actual: 4000,
        detail: '4000 CNY held for review for 72 h (owed 5000): refund or accept it',
        anchorAt: later - 1,
        heal: null,
      },
    ])
  })

  it('finds nothing amiss once an overpayment is accepted and its excess refunded', async () => {
    const { id, paymentId } = await heldOrder(6000)
    const accepted = await api('POST', `/v1/admin/payments/${paymentId}/accept`, {
      token: await token('admin', 'admin-1'),
    })
    expect(accepted.status).toBe(200)
    await settle(id)
    const run = await runReconciliation(env, around(), { trigger: 'manual' })
    expect(run.mismatches.filter((m) => m.mismatch.orderId === id)).toEqual([])
  })
})
