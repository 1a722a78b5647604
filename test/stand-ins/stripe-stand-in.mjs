// A stand-in for the Stripe API, for tests only: an auxiliary Worker that answers the few calls
// the adapter makes (Checkout Sessions, off-session PaymentIntents, Refunds, lists for the
// statement), honours idempotency
// keys the way Stripe does, and records every request so a test can read what was sent.
// GET /__requests answers the record.

const requests = []
const byKey = new Map()
let counter = 0

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function stripeError(status, type, code, message) {
  return json(status, { error: { type, code, message } })
}

function session(form) {
  counter += 1
  const id = `cs_test_standin${counter}`
  const metadata = {}
  for (const [k, v] of form) {
    const m = /^metadata\[(.+)\]$/.exec(k)
    if (m) metadata[m[1]] = v
  }
  return json(200, {
    id,
    object: 'checkout.session',
    url: `https://checkout.stripe.com/c/pay/${id}`,
    amount_total: Number(form.get('line_items[0][price_data][unit_amount]')),
    currency: form.get('line_items[0][price_data][currency]'),
    payment_status: 'unpaid',
    client_reference_id: form.get('client_reference_id'),
    metadata,
  })
}

function refund(form) {
  if (form.get('payment_intent') === 'pi_missing') {
    return stripeError(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent')
  }
  counter += 1
  return json(200, {
    id: `re_standin${counter}`,
    object: 'refund',
    status: 'succeeded',
    amount: Number(form.get('amount')),
    currency: 'cny',
    payment_intent: form.get('payment_intent'),
    metadata: { orderId: form.get('metadata[orderId]') ?? '' },
  })
}

// Saved payment methods: a card saved to a customer, one the issuer declines, a card saved to no
// customer, and a bank debit.
const savedMethods = {
  pm_card_saved: { type: 'card', customer: 'cus_standin' },
  pm_card_declined: { type: 'card', customer: 'cus_standin' },
  pm_card_unsaved: { type: 'card', customer: null },
  pm_sepa_saved: { type: 'sepa_debit', customer: 'cus_standin' },
}

function paymentMethod(id) {
  const saved = savedMethods[id]
  if (!saved)
    return stripeError(
      404,
      'invalid_request_error',
      'resource_missing',
      `No such PaymentMethod: '${id}'`,
    )
  return json(200, { id, object: 'payment_method', ...saved })
}

function paymentIntent(form) {
  counter += 1
  const declined = form.get('payment_method') === 'pm_card_declined'
  const amount = Number(form.get('amount'))
  const intent = {
    id: `pi_standin${counter}`,
    object: 'payment_intent',
    status: declined ? 'requires_payment_method' : 'succeeded',
    amount,
    amount_received: declined ? 0 : amount,
    currency: form.get('currency'),
    created: 1_790_000_100,
    customer: form.get('customer'),
    metadata: {
      orderId: form.get('metadata[orderId]'),
      sessionId: form.get('metadata[sessionId]'),
    },
  }
  if (!declined) return json(200, intent)
  const error = { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' }
  return json(402, {
    error: { ...error, message: 'Your card has insufficient funds.', payment_intent: intent },
  })
}

const list = (path, data) => json(200, { object: 'list', data, has_more: false, url: path })

// Refunds of charge `ch_listed` and payment intent `pi_listed`, for events that do not carry them.
const listedRefund = {
  id: 're_listed1',
  object: 'refund',
  status: 'succeeded',
  amount: 250,
  currency: 'cny',
  created: 1_790_000_000,
  payment_intent: 'pi_listed',
  metadata: {},
}

function answer(method, path, form, search) {
  if (method === 'GET' && path === '/v1/refunds' && search.get('charge') === 'ch_listed') {
    return list(path, [listedRefund])
  }
  if (method === 'GET' && path === '/v1/payment_intents/pi_listed') {
    return json(200, {
      id: 'pi_listed',
      object: 'payment_intent',
      metadata: { orderId: 'ord_listed' },
    })
  }
  if (method === 'POST' && path === '/v1/checkout/sessions') return session(form)
  if (method === 'GET' && path.startsWith('/v1/payment_methods/')) {
    return paymentMethod(decodeURIComponent(path.slice('/v1/payment_methods/'.length)))
  }
  if (method === 'POST' && path === '/v1/payment_intents') return paymentIntent(form)
  if (method === 'POST' && path === '/v1/refunds') return refund(form)
  if (method === 'GET' && (path === '/v1/payment_intents' || path === '/v1/refunds')) {
    return list(path, [])
  }
  return stripeError(404, 'invalid_request_error', 'resource_missing', `no route ${path}`)
}

export default {
  async fetch(request) {
    const url = new URL(request.url)
    if (url.pathname === '/__requests') return json(200, requests)
    const body = new TextDecoder().decode(await request.arrayBuffer())
    const headers = Object.fromEntries(request.headers)
    requests.push({ method: request.method, host: url.host, path: url.pathname, headers, body })
    const key = request.headers.get('idempotency-key')
    const prior = key ? byKey.get(key) : undefined
    if (prior && prior.body !== body) {
      return stripeError(
        400,
        'idempotency_error',
        null,
        `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
      )
    }
    if (prior) return json(prior.status, prior.answer)
    const response = answer(
      request.method,
      url.pathname,
      new URLSearchParams(body),
      url.searchParams,
    )
    if (key)
      byKey.set(key, { body, status: response.status, answer: await response.clone().json() })
    return response
  },
}
