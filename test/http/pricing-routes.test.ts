import { afterEach, describe, expect, it } from 'vitest'
import { createStore } from '../support/catalog'
import { couponTemplate, issue, window } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { cny } from '../support/pricing'
import { clearWalletAlarms, flushWallet, walletStub } from '../support/wallet'

afterEach(clearWalletAlarms)

type Body = Record<string, unknown>

async function asAdmin(method: string, path: string, body?: unknown) {
  return api<Body>(method, path, { token: await token('admin', 'admin-1'), body })
}

const saveRule = { kind: 'spend_save', threshold: cny(20000), amountOff: cny(5000) }

describe('promotion admin', () => {
  it('creates, reads, lists and patches a promotion', async () => {
    const storeId = await createStore()
    const id = uid('promo')
    const times = window()
    const created = await asAdmin('POST', '/v1/admin/promotions', {
      id,
      title: 'Tiered',
      level: 'store',
      storeId,
      rule: {
        kind: 'tiered',
        tiers: [
          { threshold: cny(10000), amountOff: cny(1000) },
          { threshold: cny(30000), amountOff: cny(5000) },
        ],
      },
      scope: { categoryIds: ['tea'] },
      ...times,
      priority: 5,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id,
      level: 'store',
      storeId,
      scope: { categoryIds: ['tea'] },
      minMemberLevel: 0,
      priority: 5,
      exclusive: false,
      active: true,
      version: 1,
      startsAt: new Date(times.startsAt).toISOString(),
    })
    const patched = await asAdmin('PATCH', `/v1/admin/promotions/${id}`, {
      active: false,
      rule: { kind: 'spend_percent_off', threshold: cny(0), percentOffBps: 1000, cap: cny(800) },
    })
    expect(patched.body).toMatchObject({ active: false, version: 2, title: 'Tiered' })
    expect((await asAdmin('GET', `/v1/admin/promotions/${id}`)).body).toEqual(patched.body)
    const listed = await asAdmin('GET', `/v1/admin/promotions?storeId=${storeId}`)
    expect(listed.body).toEqual({ items: [patched.body], nextCursor: null })
    const running = await asAdmin('GET', `/v1/admin/promotions?storeId=${storeId}&running=true`)
    expect(running.body).toEqual({ items: [], nextCursor: null })
  })

  it('refuses inconsistent promotions with 400 naming the field, duplicates with 409', async () => {
    const storeId = await createStore()
    const base = { title: 'x', rule: saveRule, ...window() }
    const cases: [Body, string][] = [
      [{ ...base, level: 'store' }, 'body storeId:'],
      [{ ...base, level: 'platform', storeId }, 'body storeId:'],
      [{ ...base, level: 'store', storeId: 'no-such-store' }, 'body storeId: no store'],
      [
        {
          ...base,
          level: 'platform',
          rule: { ...saveRule, amountOff: { amount: 5000, currency: 'USD' } },
        },
        'body rule:',
      ],
      [{ ...base, level: 'platform', endsAt: base.startsAt }, 'body endsAt:'],
      [{ ...base, level: 'platform', rule: { kind: 'bogo' } }, 'json rule.kind:'],
      [{ ...base, level: 'platform', amount: 1 }, 'json amount:'],
    ]
    for (const [body, prefix] of cases) {
      const res = await asAdmin('POST', '/v1/admin/promotions', { id: uid('promo'), ...body })
      expect([res.status, (res.body.error as { message: string }).message]).toEqual([
        400,
        expect.stringContaining(prefix),
      ])
    }
    const id = uid('promo')
    const body = { id, ...base, level: 'platform' }
    expect((await asAdmin('POST', '/v1/admin/promotions', body)).status).toBe(201)
    expect((await asAdmin('POST', '/v1/admin/promotions', body)).status).toBe(409)
    expect((await asAdmin('GET', '/v1/admin/promotions/nope')).status).toBe(404)
    const buyer = await token('buyer', uid('buyer'))
    expect((await api('POST', '/v1/admin/promotions', { token: buyer, body })).status).toBe(403)
  })
})

describe('coupons: templates, issue, the buyer wallet', () => {
  it('issues coupons into the wallet and lists them to their owner with status', async () => {
    const buyer = uid('buyer')
    const tenDays = new Date(Date.now() + 10 * 86_400_000).toISOString()
    const template = await couponTemplate({
      validDays: 3,
      title: 'Three-day voucher',
      endsAt: tenDays,
    })
    const first = await issue(template, buyer)
    const second = await issue(template, buyer)
    await walletStub(buyer).redeem('order-1', [second], 0)
    const mine = await api<Body>('GET', '/v1/coupons', { token: await token('buyer', buyer) })
    expect(mine.status).toBe(200)
    const items = mine.body.items as Body[]
    expect(items.map((c) => [c.id, c.status, c.orderId])).toEqual([
      [first, 'available', null],
      [second, 'locked', 'order-1'],
    ])
    const [one] = items
    const span = Date.parse(String(one?.validUntil)) - Date.parse(String(one?.validFrom))
    expect(span).toBe(3 * 86_400_000)
    expect(one).toMatchObject({
      templateId: template,
      title: 'Three-day voucher',
      threshold: cny(0),
      benefit: { kind: 'amount_off', amountOff: cny(15000) },
      stacking: 'stackable',
    })
    const locked = await api<Body>('GET', '/v1/coupons?status=locked', {
      token: await token('buyer', buyer),
    })
    expect((locked.body.items as Body[]).map((c) => c.id)).toEqual([second])
    const counted = await asAdmin('GET', `/v1/admin/coupon-templates/${template}`)
    expect(counted.body).toMatchObject({ issuedCount: 2, validDays: 3 })
  })

  it('issues once per Idempotency-Key and projects coupons to D1', async () => {
    const buyer = uid('buyer')
    const template = await couponTemplate()
    const call = {
      token: await token('admin', 'admin-1'),
      headers: { 'Idempotency-Key': 'issue-0001' },
      body: { userId: buyer },
    }
    const a = await api<Body>('POST', `/v1/admin/coupon-templates/${template}/issue`, call)
    const b = await api<Body>('POST', `/v1/admin/coupon-templates/${template}/issue`, call)
    expect([a.status, b.status, b.body.id]).toEqual([201, 201, a.body.id])
    await flushWallet(buyer)
    const member = await asAdmin('GET', `/v1/admin/members/${buyer}`)
    expect(member.body).toEqual({
      userId: buyer,
      level: 0,
      pointsBalance: 0,
      coupons: { available: 1, locked: 0, used: 0 },
    })
  })

  it('refuses to issue from an unknown or ended template', async () => {
    expect(
      (await asAdmin('POST', '/v1/admin/coupon-templates/nope/issue', { userId: 'u' })).status,
    ).toBe(404)
    const past = {
      startsAt: new Date(Date.now() - 7_200_000).toISOString(),
      endsAt: new Date(Date.now() - 3_600_000).toISOString(),
    }
    const ended = await couponTemplate(past)
    const res = await asAdmin('POST', `/v1/admin/coupon-templates/${ended}/issue`, { userId: 'u' })
    expect([res.status, (res.body.error as Body).code]).toEqual([422, 'BUSINESS_RULE'])
  })
})

describe('OpenAPI', () => {
  it('documents every pricing route', async () => {
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/openapi.json',
    )
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/checkout/quote',
        'GET /v1/coupons',
        'POST /v1/admin/promotions',
        'GET /v1/admin/promotions',
        'PATCH /v1/admin/promotions/{id}',
        'POST /v1/admin/coupon-templates',
        'POST /v1/admin/coupon-templates/{id}/issue',
        'PUT /v1/admin/members/{userId}',
        'POST /v1/admin/members/{userId}/points',
        'PUT /v1/admin/member-levels/{level}',
        'PUT /v1/admin/points-policy',
        'PUT /v1/admin/freight-templates/{id}',
        'POST /v1/admin/blacklist',
        'DELETE /v1/admin/blacklist/{kind}/{value}',
      ]),
    )
  })
})
