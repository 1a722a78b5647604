import { describe, expect, it } from 'vitest'
import { PaymentEventSchema } from '../../src/adapters/payment-provider'
import { uid } from '../support/ids'
import { delivered, paid, sandbox, statementOf, t0 } from '../support/sandbox-payments'
import { verifyAt } from '../support/webhooks'

describe('refund', () => {
  it('is idempotent by key: same refund id, one statement row', async () => {
    const { pay, clock } = sandbox()
    const { orderId, sessionId, paymentId } = await paid(pay)
    clock.now = t0 + 60_000
    const input = {
      idempotencyKey: uid('rk'),
      paymentId,
      amount: 1000,
      currency: 'CNY',
      reason: 'x',
    }
    const first = await pay.refund(input)
    const again = await pay.refund(input)
    expect(first.ok && first.refundId).toMatch(/^re_[0-9a-f]{24}$/)
    expect(again).toEqual(first)
    expect(first).toEqual({
      ok: true,
      refundId: first.ok ? first.refundId : '',
      status: 'succeeded',
    })
    const rows = await statementOf(pay, orderId)
    expect(rows.filter((r) => r.kind === 'refund')).toEqual([
      {
        id: first.ok ? first.refundId : '',
        kind: 'refund',
        sessionId,
        paymentId,
        orderId,
        amount: 1000,
        currency: 'CNY',
        at: t0 + 60_000,
      },
    ])
    expect(await pay.refund({ ...input, amount: 999 })).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    })
  })

  it('refunds up to what was paid and refuses a unit more', async () => {
    const { pay } = sandbox()
    const { paymentId } = await paid(pay, 4545)
    const refundOf = (amount: number) =>
      pay.refund({ idempotencyKey: uid('rk'), paymentId, amount, currency: 'CNY', reason: 'r' })
    expect(await refundOf(4546)).toEqual({
      ok: false,
      code: 'REFUND_EXCEEDS_PAYMENT',
      message: `payment ${paymentId} has 45.45 CNY of 45.45 CNY left to refund`,
    })
    expect((await refundOf(4000)).ok).toBe(true)
    expect(await refundOf(546)).toEqual({
      ok: false,
      code: 'REFUND_EXCEEDS_PAYMENT',
      message: `payment ${paymentId} has 5.45 CNY of 45.45 CNY left to refund`,
    })
    expect((await refundOf(545)).ok).toBe(true)
    expect(await refundOf(1)).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_PAYMENT' })
  })

  it('lets only as much through as was paid when refunds race', async () => {
    const { pay } = sandbox()
    const { orderId, paymentId } = await paid(pay, 3000)
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        pay.refund({
          idempotencyKey: uid('rk'),
          paymentId,
          amount: 1000,
          currency: 'CNY',
          reason: '',
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    const refunded = (await statementOf(pay, orderId)).filter((r) => r.kind === 'refund')
    expect(refunded.reduce((sum, r) => sum + r.amount, 0)).toBe(3000)
  })

  it('reports an unknown payment, a wrong currency and a bad amount', async () => {
    const { pay } = sandbox()
    const { paymentId } = await paid(pay)
    const base = { idempotencyKey: uid('rk'), paymentId, amount: 100, currency: 'CNY', reason: '' }
    expect(await pay.refund({ ...base, paymentId: 'pay_missing' })).toEqual({
      ok: false,
      code: 'PAYMENT_NOT_FOUND',
      message: 'no payment pay_missing',
    })
    expect(await pay.refund({ ...base, currency: 'USD' })).toEqual({
      ok: false,
      code: 'CURRENCY_MISMATCH',
      message: `payment ${paymentId} is in CNY, not USD`,
    })
    expect(await pay.refund({ ...base, amount: 0 })).toMatchObject({ code: 'INVALID_REQUEST' })
  })
})

describe('refundEvent', () => {
  it('signs the same refund.succeeded event every time it is asked', async () => {
    const { pay, clock } = sandbox()
    const { orderId, sessionId, paymentId } = await paid(pay)
    clock.now = t0 + 42_000
    const receipt = await pay.refund({
      idempotencyKey: uid('rk'),
      paymentId,
      amount: 545,
      currency: 'CNY',
      reason: 'after-sale',
    })
    if (!receipt.ok) throw new Error(receipt.message)
    clock.now = t0 + 50_000
    const first = delivered(await pay.refundEvent(receipt.refundId))
    const again = delivered(await pay.refundEvent(receipt.refundId))
    expect(again.body).toBe(first.body)
    expect(PaymentEventSchema.parse(JSON.parse(first.body))).toEqual({
      id: first.event.id,
      type: 'refund.succeeded',
      created: t0 / 1000 + 42,
      data: {
        sessionId,
        paymentId,
        orderId,
        refundId: receipt.refundId,
        amount: 545,
        currency: 'CNY',
      },
    })
    expect(verifyAt(t0 / 1000 + 50, first.headers, first.body)).toEqual({
      ok: true,
    })
    expect(await pay.refundEvent('re_missing')).toMatchObject({
      ok: false,
      code: 'REFUND_NOT_FOUND',
    })
  })
})
