import { env } from 'cloudflare:test'
import type Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { stripeClient, stripePayments } from '../../src/adapters/stripe-payments'
import { paymentEventsOf } from '../../src/payments/stripe-events'
import { lookupWith } from '../../src/payments/stripe-webhook'
import { uid } from '../support/ids'

// The adapter's outbound calls go to a local HTTP stand-in of the Stripe API (an auxiliary
// Worker, test/stand-ins/stripe-stand-in.mjs) that records each request it is sent.

interface Recorded {
  method: string
  host: string
  path: string
  headers: Record<string, string>
  body: string
}

const standIn: typeof fetch = (input, init) =>
  env.STRIPE_STAND_IN.fetch(new Request(input as RequestInfo, init))

const stripe = stripePayments({
  secretKey: 'sk_test_standin0123456789',
  returnUrl: 'https://shop.example/orders/{ORDER_ID}',
  fetch: standIn,
})

async function sentWith(idempotencyKey: string): Promise<Recorded[]> {
  const all = (await (
    await env.STRIPE_STAND_IN.fetch('https://stand-in/__requests')
  ).json()) as Recorded[]
  return all.filter((r) => r.headers['idempotency-key'] === idempotencyKey)
}

function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body))
}

describe('the Stripe adapter against a stand-in of the Stripe API', () => {
  it('opens a Checkout Session for the order with Alipay and WeChat Pay where CNY allows', async () => {
    const sessionKey = `${uid('ord')}:deposit:1:5000CNY`
    const input = {
      sessionKey,
      orderId: 'ord_test',
      amount: 5000,
      currency: 'CNY',
      description: 'order ord_test (deposit)',
    }
    const opened = await stripe.openSession(input)
    expect(opened).toMatchObject({ ok: true, orderId: 'ord_test', amount: 5000, currency: 'CNY' })
    if (!opened.ok) return
    expect(opened.sessionId).toMatch(/^cs_test_standin\d+$/)
    expect(opened.url).toBe(`https://checkout.stripe.com/c/pay/${opened.sessionId}`)

    const [sent] = await sentWith(`session:${sessionKey}`)
    expect(sent).toMatchObject({
      method: 'POST',
      host: 'api.stripe.com',
      path: '/v1/checkout/sessions',
    })
    expect(sent?.headers.authorization).toBe('Bearer sk_test_standin0123456789')
    expect(form(sent?.body ?? '')).toEqual({
      mode: 'payment',
      client_reference_id: 'ord_test',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'cny',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][product_data][name]': 'order ord_test (deposit)',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'alipay',
      'allowed_payment_method_types[2]': 'wechat_pay',
      'payment_method_options[wechat_pay][client]': 'web',
      success_url: 'https://shop.example/orders/ord_test?payment=paid',
      cancel_url: 'https://shop.example/orders/ord_test?payment=cancelled',
      'metadata[orderId]': 'ord_test',
      'metadata[sessionKey]': sessionKey,
      'payment_intent_data[metadata][orderId]': 'ord_test',
      'payment_intent_data[metadata][sessionKey]': sessionKey,
    })

    // The same stage and attempt again: Stripe replays the first session for the same key.
    const again = await stripe.openSession(input)
    expect(again.ok && again.sessionId).toBe(opened.sessionId)
    const changed = await stripe.openSession({ ...input, amount: 4000 })
    expect(changed).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED' })
  })

  it('offers only cards in a currency Alipay and WeChat Pay do not take', async () => {
    const sessionKey = `${uid('ord')}:full:1:900BRL`
    const opened = await stripe.openSession({
      sessionKey,
      orderId: 'ord_brl',
      amount: 900,
      currency: 'BRL',
      description: 'order ord_brl (full)',
    })
    expect(opened.ok).toBe(true)
    const [sent] = await sentWith(`session:${sessionKey}`)
    const fields = form(sent?.body ?? '')
    expect(fields['allowed_payment_method_types[0]']).toBe('card')
    expect(fields['allowed_payment_method_types[1]']).toBeUndefined()
    expect(fields['payment_method_options[wechat_pay][client]']).toBeUndefined()
  })

  it('refunds through the Refunds API with one idempotency key per refund', async () => {
    const key = `held:${uid('ord')}:pi_standin1`
    const input = {
      idempotencyKey: key,
      paymentId: 'pi_standin1',
      amount: 300,
      currency: 'CNY',
      reason: 'HELD_PAYMENT_REFUNDED',
      orderId: 'ord_test',
    }
    const first = await stripe.refund(input)
    expect(first).toMatchObject({ ok: true, status: 'succeeded' })
    const second = await stripe.refund(input)
    expect(second).toEqual(first)
    const sent = await sentWith(`refund:${key}`)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/refunds' })
    expect(form(sent[0]?.body ?? '')).toEqual({
      payment_intent: 'pi_standin1',
      amount: '300',
      'metadata[reason]': 'HELD_PAYMENT_REFUNDED',
      'metadata[orderId]': 'ord_test',
    })
    const missing = await stripe.refund({
      ...input,
      idempotencyKey: uid('k'),
      paymentId: 'pi_missing',
    })
    expect(missing).toMatchObject({ ok: false, code: 'PAYMENT_NOT_FOUND' })
  })
})

describe('renewals: a saved card charged with the buyer absent', () => {
  const charge = (paymentMethod: string) => ({
    sessionId: `cs_${uid('renewal').replaceAll('-', '_')}`,
    orderId: 'ord_renewal',
    amount: 15000,
    currency: 'CNY',
    paymentMethod,
  })

  it("confirms a PaymentIntent off-session on the card's customer, once per session", async () => {
    const input = charge('pm_card_saved')
    const first = await stripe.chargeSaved(input)
    if (!first.ok) throw new Error(first.message)
    const { event } = first
    expect(event.type).toBe('payment.succeeded')
    expect(event.id).toBe(`evt_${event.data.paymentId}`)
    expect(event.data).toEqual({
      sessionId: input.sessionId,
      paymentId: expect.stringMatching(/^pi_standin\d+$/),
      orderId: 'ord_renewal',
      amount: 15000,
      currency: 'CNY',
    })
    const again = await stripe.chargeSaved(input)
    expect(again).toEqual(first)
    const sent = await sentWith(`saved:${input.sessionId}`)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/payment_intents' })
    expect(form(sent[0]?.body ?? '')).toEqual({
      amount: '15000',
      currency: 'cny',
      customer: 'cus_standin',
      payment_method: 'pm_card_saved',
      off_session: 'true',
      confirm: 'true',
      'metadata[orderId]': 'ord_renewal',
      'metadata[sessionId]': input.sessionId,
    })
  })

  it('answers a card the issuer declines as a failed payment, not an error', async () => {
    const input = charge('pm_card_declined')
    const declined = await stripe.chargeSaved(input)
    if (!declined.ok) throw new Error(declined.message)
    expect(declined.event.type).toBe('payment.failed')
    expect(declined.event.data).toMatchObject({
      sessionId: input.sessionId,
      paymentId: expect.stringMatching(/^pi_standin\d+$/),
      orderId: 'ord_renewal',
      amount: 15000,
      currency: 'CNY',
    })
  })

  it('refuses a method saved to no customer, a bank debit and an unknown method, charging nothing', async () => {
    const refusals = await Promise.all(
      ['pm_card_unsaved', 'pm_sepa_saved', 'pm_unknown'].map((m) => stripe.chargeSaved(charge(m))),
    )
    expect(refusals).toEqual([
      {
        ok: false,
        code: 'INVALID_REQUEST',
        message: 'stripe: payment method pm_card_unsaved has no customer',
      },
      {
        ok: false,
        code: 'INVALID_REQUEST',
        message: 'stripe: payment method pm_sepa_saved is a sepa_debit, not a card',
      },
      {
        ok: false,
        code: 'PAYMENT_NOT_FOUND',
        message: "stripe: No such PaymentMethod: 'pm_unknown'",
      },
    ])
  })
})

describe('Stripe events that do not carry what the order needs', () => {
  it('asks Stripe for the refunds of a charge and the order of its payment intent', async () => {
    const lookup = lookupWith(
      stripeClient({ secretKey: 'sk_test_standin0123456789', fetch: standIn }),
    )
    const event = {
      id: 'evt_charge_refunded_1',
      object: 'event',
      type: 'charge.refunded',
      created: 1_790_000_100,
      data: {
        object: { id: 'ch_listed', object: 'charge', payment_intent: 'pi_listed', metadata: {} },
      },
    } as unknown as Stripe.Event
    expect(await paymentEventsOf(event, lookup)).toEqual([
      {
        id: 'evt_re_listed1',
        type: 'refund.succeeded',
        created: 1_790_000_000,
        data: {
          sessionId: 'pi_listed',
          paymentId: 'pi_listed',
          orderId: 'ord_listed',
          refundId: 're_listed1',
          amount: 250,
          currency: 'CNY',
        },
      },
    ])
  })
})
