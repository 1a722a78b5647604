import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sandboxProvider } from '../../src/adapters/provider'
import { runReconciliation } from '../../src/reports/reconciliation-run'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder, settle } from '../support/orders'
import { adminToken, insertOrder } from '../support/reports'

const around = () => ({ from: Date.now() - 3_600_000, to: Date.now() + 60_000 })

async function unpaidOrder() {
  const storeId = await createStore()
  const skuId = await createSku({ storeId, price: 4200 })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId, qty: 1 }])
  expect(placed.status).toBe(201)
  await settle(placed.body.id)
  return { buyer, orderId: placed.body.id, payable: placed.body.amounts.payable.amount, storeId }
}

async function paidOrder() {
  const o = await unpaidOrder()
  const paid = await api('POST', `/v1/orders/${o.orderId}/pay`, {
    token: await token('buyer', o.buyer),
  })
  expect(paid.status).toBe(200)
  await settle(o.orderId)
  const paymentId = await env.DB.prepare(
    "SELECT provider_ref FROM payments_ledger WHERE order_id = ?1 AND kind = 'payment'",
  )
    .bind(o.orderId)
    .first<string>('provider_ref')
  if (!paymentId) throw new Error('the payment was not booked')
  return { ...o, paymentId }
}

/** The provider takes the money but the webhook never arrives. */
async function paidAtProviderOnly(orderId: string, amount: number) {
  const provider = sandboxProvider(env)
  const session = await provider.openSession({
    sessionKey: uid('sk'),
    orderId,
    amount,
    currency: 'CNY',
    description: 'lost webhook',
  })
  if (!session.ok) throw new Error(session.message)
  const delivery = await provider.complete(session.sessionId)
  if (!delivery.ok) throw new Error(delivery.message)
  return delivery.event.data.paymentId
}

const mismatchStatus = (id: string) =>
  env.DB.prepare('SELECT status, heal_outcome FROM reconciliation_mismatches WHERE id = ?1')
    .bind(id)
    .first<{ status: string; heal_outcome: string | null }>()

describe('reconciliation runs', () => {
  it('re-delivers a payment the order never heard of, and a later run leaves it healed', async () => {
    const o = await unpaidOrder()
    const paymentId = await paidAtProviderOnly(o.orderId, o.payable)
    const run = await runReconciliation(env, around(), { trigger: 'manual' })
    const key = `PAID_NOT_MARKED:${o.orderId}:${paymentId}`
    const found = run.mismatches.find((m) => m.mismatch.key === key)
    expect(found).toMatchObject({ status: 'healed', healOutcome: 'paid' })
    expect(found?.mismatch).toMatchObject({ expected: o.payable, actual: 0 })
    await settle(o.orderId)
    const row = await env.DB.prepare('SELECT status, paid_amount FROM orders WHERE id = ?1')
      .bind(o.orderId)
      .first<{ status: string; paid_amount: number }>()
    expect(row).toEqual({ status: 'pending_shipment', paid_amount: o.payable })
    const again = await runReconciliation(env, around(), { trigger: 'manual' })
    expect(again.mismatches.filter((m) => m.mismatch.orderId === o.orderId)).toEqual([])
    expect(await mismatchStatus(key)).toEqual({ status: 'healed', heal_outcome: 'paid' })
  })

  it('does not re-deliver to an order that owes nothing: it would be refunded as late', async () => {
    const o = await paidOrder()
    // The ledger row is lost and the projection rolled back, while the actor is paid.
    await env.DB.batch([
      env.DB.prepare('DELETE FROM payments_ledger WHERE order_id = ?1').bind(o.orderId),
      env.DB.prepare(
        "UPDATE orders SET status = 'pending_payment', paid_amount = 0, paid_at = NULL WHERE id = ?1",
      ).bind(o.orderId),
    ])
    const run = await runReconciliation(env, around(), { trigger: 'manual' })
    const found = run.mismatches.find((m) => m.mismatch.orderId === o.orderId)
    expect(found?.mismatch.kind).toBe('PAID_NOT_MARKED')
    expect(found?.status).toBe('open')
    expect(found?.healOutcome).toMatch(/^ILLEGAL_TRANSITION: not re-delivered/)
    await settle(o.orderId)
    const refunds = (await sandboxProvider(env).statement(around())).filter(
      (s) => s.kind === 'refund' && s.orderId === o.orderId,
    )
    expect(refunds).toEqual([])
  })

  it('records amount, refund and no-payment mismatches, and resolves them once fixed', async () => {
    const o = await paidOrder()
    await env.DB.prepare(
      "UPDATE payments_ledger SET amount = amount - 1 WHERE order_id = ?1 AND kind = 'payment'",
    )
      .bind(o.orderId)
      .run()
    const refund = await sandboxProvider(env).refund({
      idempotencyKey: uid('rk'),
      paymentId: o.paymentId,
      amount: 100,
      currency: 'CNY',
      reason: 'refunded by hand at the provider',
    })
    if (!refund.ok) throw new Error(refund.message)
    const line = [{ sku: 'sku-x', qty: 1, amount: 900 }]
    const ghost = await insertOrder({
      storeId: o.storeId,
      status: 'pending_shipment',
      createdAt: Date.now(),
      paidAt: Date.now(),
      lines: line,
    })

    const first = await runReconciliation(env, around(), { trigger: 'manual' })
    const keys = first.mismatches.map((m) => m.mismatch.key)
    const expected = [
      `AMOUNT_MISMATCH:payment:${o.paymentId}`,
      `AMOUNT_MISMATCH:order:${o.orderId}`,
      `REFUND_MISMATCH:${refund.refundId}`,
      `MARKED_PAID_NO_PAYMENT:order:${ghost}`,
    ]
    expect(keys).toEqual(expect.arrayContaining(expected))

    type Report = {
      open: { id: string; kind: string; expected: unknown }[]
      byKind: Record<string, number>
      lastRun: { id: string }
    }
    const report = await api<Report>('GET', '/v1/admin/reports/reconciliation', {
      token: await adminToken(),
    })
    expect(report.body.open.map((m) => m.id)).toEqual(expect.arrayContaining(expected))
    expect(report.body.byKind.AMOUNT_MISMATCH).toBeGreaterThanOrEqual(2)
    expect(report.body.lastRun.id).toBe(first.id)
    const refundRow = report.body.open.find((m) => m.id === `REFUND_MISMATCH:${refund.refundId}`)
    expect(refundRow?.expected).toEqual({ amount: 100, currency: 'CNY' })

    await env.DB.prepare(
      "UPDATE payments_ledger SET amount = amount + 1 WHERE order_id = ?1 AND kind = 'payment'",
    )
      .bind(o.orderId)
      .run()
    const second = await runReconciliation(env, around(), { trigger: 'manual' })
    expect(second.resolved).toBeGreaterThanOrEqual(2)
    expect((await mismatchStatus(`AMOUNT_MISMATCH:order:${o.orderId}`))?.status).toBe('resolved')
    expect((await mismatchStatus(`REFUND_MISMATCH:${refund.refundId}`))?.status).toBe('open')
    const csv = await api<string>('GET', '/v1/admin/reports/reconciliation', {
      token: await adminToken(),
      headers: { Accept: 'text/csv' },
    })
    expect(csv.body).toContain(
      `REFUND_MISMATCH:${refund.refundId},REFUND_MISMATCH,open,${o.orderId}`,
    )
    expect(csv.body).not.toContain(`AMOUNT_MISMATCH:order:${o.orderId}`)
  })
})

describe('POST /v1/admin/reconciliation/run', () => {
  it('runs over the last day by default and reports the run', async () => {
    const res = await api<{ id: string; trigger: string; from: string; to: string }>(
      'POST',
      '/v1/admin/reconciliation/run',
      { token: await adminToken() },
    )
    expect(res.status).toBe(200)
    expect(res.body.trigger).toBe('manual')
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(86_400_000)
  })

  it('refuses a bad range with 400 naming the field, and anyone but an admin', async () => {
    const post = async (body: unknown, who?: string) =>
      api<{ error: { message: string } }>('POST', '/v1/admin/reconciliation/run', {
        token: who ?? (await adminToken()),
        body,
      })
    const t = '2024-03-01T00:00:00Z'
    expect((await post({ from: t, to: t })).body.error.message).toBe('json to: must be after from')
    expect((await post({ from: '2024-01-01T00:00:00Z', to: t })).body.error.message).toContain(
      'json from',
    )
    expect((await post({ to: 'soon' })).body.error.message).toContain('json to')
    expect((await post({ since: t })).status).toBe(400)
    expect((await post({}, await token('service', 'svc'))).status).toBe(403)
  })
})
