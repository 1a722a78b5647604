import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { PaymentEventSchema } from '../../src/adapters/payment-provider'
import { uid } from '../support/ids'
import { delivered, opened, paid, sandbox, statementOf, t0 } from '../support/sandbox-payments'
import { verifyAt } from '../support/webhooks'

describe('openSession', () => {
  it('gives the same session for the same key and refuses the key for another payment', async () => {
    const { pay } = sandbox()
    const input = {
      sessionKey: uid('sk'),
      orderId: uid('ord'),
      amount: 4545,
      currency: 'CNY',
      description: 'Order',
    }
    const first = await pay.openSession(input)
    const again = await pay.openSession({ ...input, description: 'Retried' })
    expect(first.ok && first.sessionId).toMatch(/^cs_[0-9a-f]{24}$/)
    expect(again).toEqual(first)
    expect(first).toEqual({
      ok: true,
      sessionId: first.ok ? first.sessionId : '',
      orderId: input.orderId,
      amount: 4545,
      currency: 'CNY',
    })
    const count = await env.DB.prepare(
      'SELECT count(*) AS n FROM sandbox_sessions WHERE session_key = ?1',
    )
      .bind(input.sessionKey)
      .first<number>('n')
    expect(count).toBe(1)
    expect(await pay.openSession({ ...input, amount: 4546 })).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    })
  })

  it('refuses amounts that are not positive integers and unknown-shaped currencies', async () => {
    const { pay } = sandbox()
    const base = { sessionKey: uid('sk'), orderId: uid('ord'), currency: 'CNY', description: '' }
    for (const amount of [0, -1, 10.5]) {
      expect(await pay.openSession({ ...base, amount })).toEqual({
        ok: false,
        code: 'INVALID_REQUEST',
        message: `amount ${amount} is not a positive integer`,
      })
    }
    expect(await pay.openSession({ ...base, amount: 1, currency: 'cny' })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    })
  })
})

describe('complete', () => {
  it('returns a signed payment.succeeded webhook and books one statement row', async () => {
    const { pay, clock } = sandbox()
    const { orderId, sessionId } = await opened(pay)
    clock.now = t0 + 1_500
    const result = delivered(await pay.complete(sessionId))
    const event = PaymentEventSchema.parse(JSON.parse(result.body))
    expect(event).toEqual(result.event)
    expect(event).toEqual({
      id: event.id,
      type: 'payment.succeeded',
      created: t0 / 1000 + 1,
      data: { sessionId, paymentId: event.data.paymentId, orderId, amount: 4545, currency: 'CNY' },
    })
    expect(event.id).toMatch(/^evt_[0-9a-f]{24}$/)
    expect(event.data.paymentId).toMatch(/^pay_[0-9a-f]{24}$/)
    expect(result.headers['webhook-id']).toBe(event.id)
    expect(result.headers['webhook-timestamp']).toBe(String(t0 / 1000 + 1))
    expect(verifyAt(t0 / 1000 + 1, result.headers, result.body)).toEqual({
      ok: true,
    })
    expect(await statementOf(pay, orderId)).toEqual([
      {
        id: event.data.paymentId,
        kind: 'payment',
        sessionId,
        paymentId: event.data.paymentId,
        orderId,
        amount: 4545,
        currency: 'CNY',
        at: t0 + 1_500,
      },
    ])
  })

  it('answers a second completion with the same event, freshly signed, and books nothing', async () => {
    const { pay, clock } = sandbox()
    const { orderId, sessionId } = await opened(pay)
    const first = delivered(await pay.complete(sessionId))
    clock.now = t0 + 120_000
    const second = delivered(await pay.complete(sessionId, { amountOverride: 1, fail: true }))
    expect(second.body).toBe(first.body)
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(second.headers['webhook-timestamp']).toBe(String(t0 / 1000 + 120))
    expect(verifyAt(t0 / 1000 + 120, second.headers, second.body)).toEqual({
      ok: true,
    })
    expect(await statementOf(pay, orderId)).toHaveLength(1)
  })

  it('books one payment when two completions race', async () => {
    const { pay } = sandbox()
    const { orderId, sessionId } = await opened(pay)
    const [a, b] = await Promise.all([pay.complete(sessionId), pay.complete(sessionId)])
    expect(delivered(a).body).toBe(delivered(b).body)
    expect(await statementOf(pay, orderId)).toHaveLength(1)
  })

  it('pays the override amount, to rehearse a mismatch', async () => {
    const { pay } = sandbox()
    const { orderId, sessionId } = await opened(pay, 4545)
    const { event } = delivered(await pay.complete(sessionId, { amountOverride: 4000 }))
    expect(event.data.amount).toBe(4000)
    expect((await statementOf(pay, orderId)).map((r) => r.amount)).toEqual([4000])
  })

  it('declines without moving money and leaves the session payable', async () => {
    const { pay } = sandbox()
    const { orderId, sessionId } = await opened(pay)
    const failed = delivered(await pay.complete(sessionId, { fail: true }))
    expect(failed.event).toMatchObject({
      type: 'payment.failed',
      data: { sessionId, orderId, amount: 4545, currency: 'CNY' },
    })
    expect(await statementOf(pay, orderId)).toEqual([])
    const succeeded = delivered(await pay.complete(sessionId))
    expect(succeeded.event.type).toBe('payment.succeeded')
    expect(succeeded.event.id).not.toBe(failed.event.id)
    expect(succeeded.event.data.paymentId).not.toBe(failed.event.data.paymentId)
    expect(await statementOf(pay, orderId)).toHaveLength(1)
  })

  it('reports an unknown session and a bad override', async () => {
    const { pay } = sandbox()
    expect(await pay.complete('cs_missing')).toEqual({
      ok: false,
      code: 'SESSION_NOT_FOUND',
      message: 'no session cs_missing',
    })
    const { sessionId } = await opened(pay)
    expect(await pay.complete(sessionId, { amountOverride: 0 })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    })
  })
})

describe('statement', () => {
  it('lists movements in [from, to) ordered by time', async () => {
    const { pay, clock } = sandbox(t0 + 10_000)
    const { orderId, paymentId } = await paid(pay)
    clock.now = t0 + 20_000
    const receipt = await pay.refund({
      idempotencyKey: uid('rk'),
      paymentId,
      amount: 45,
      currency: 'CNY',
      reason: '',
    })
    const mine = async (from: number, to: number) =>
      (await pay.statement({ from, to })).filter((r) => r.orderId === orderId).map((r) => r.id)
    expect(await mine(t0, t0 + 30_000)).toEqual([paymentId, receipt.ok ? receipt.refundId : ''])
    expect(await mine(t0 + 10_000, t0 + 20_000)).toEqual([paymentId])
    expect(await mine(t0 + 10_001, t0 + 20_001)).toEqual([receipt.ok ? receipt.refundId : ''])
  })
})
