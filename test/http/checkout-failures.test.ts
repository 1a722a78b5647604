import { afterEach, describe, expect, it } from 'vitest'
import { address, createSku, createStore } from '../support/catalog'
import { admin, couponTemplate, issue, quote, weightFreight } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { clearWalletAlarms, DAY, HOUR, issueDirect, walletStub } from '../support/wallet'

afterEach(clearWalletAlarms)

async function oneSku(extra: { onSale?: boolean } = {}) {
  const storeId = await createStore()
  const skuId = await createSku({ storeId, price: 10000, ...extra })
  return { storeId, skuId, lines: [{ skuId, qty: 1 }] }
}

describe('POST /v1/checkout/quote refuses', () => {
  it('a blacklisted buyer, phone or address with 403, and serves them again once lifted', async () => {
    const { lines } = await oneSku()
    const buyer = uid('buyer')
    const phone = `+86 139 ${Math.floor(Math.random() * 1e8)}`
    const mine = { ...address, phone, line1: `${uid('No.')} Nanjing Road` }
    await admin('POST', '/v1/admin/blacklist', { kind: 'buyer', userId: buyer })
    const blocked = await quote(buyer, { lines, address: mine })
    expect(blocked.status).toBe(403)
    expect(blocked.body).toEqual({
      error: { code: 'BUYER_BLOCKED', message: 'this buyer cannot order' },
    })
    await admin('DELETE', `/v1/admin/blacklist/buyer/${buyer}`)
    expect((await quote(buyer, { lines, address: mine })).status).toBe(200)

    // Spacing, dashes and case do not dodge a fingerprint.
    const byPhone = await admin('POST', '/v1/admin/blacklist', {
      kind: 'phone',
      phone: phone.replaceAll(' ', '-'),
    })
    expect((await quote(buyer, { lines, address: mine })).status).toBe(403)
    await admin('DELETE', `/v1/admin/blacklist/phone/${byPhone.body.value}`)
    const shouted = {
      region: mine.region,
      city: 'SHANGHAI',
      line1: `  ${mine.line1.toUpperCase()}`,
    }
    await admin('POST', '/v1/admin/blacklist', { kind: 'address', address: shouted })
    expect((await quote(uid('buyer'), { lines, address: mine })).status).toBe(403)
  })

  it('a SKU off sale or unknown with 422 naming the line', async () => {
    const { skuId } = await oneSku({ onSale: false })
    const { skuId: fine } = await oneSku()
    const off = await quote(uid('buyer'), {
      lines: [
        { skuId: fine, qty: 1 },
        { skuId, qty: 1 },
      ],
    })
    expect(off.status).toBe(422)
    expect(off.body).toEqual({
      error: {
        code: 'SKU_NOT_ON_SALE',
        message: `lines.1.skuId: ${skuId} is not on sale`,
        details: { field: 'lines.1.skuId', skuId },
      },
    })
    const unknown = await quote(uid('buyer'), { lines: [{ skuId: 'sku-nope', qty: 1 }] })
    expect([unknown.status, unknown.body]).toMatchObject([
      422,
      { error: { code: 'SKU_NOT_FOUND' } },
    ])
  })

  it('an address its freight templates do not serve with 422', async () => {
    const { storeId, lines } = await oneSku()
    await weightFreight(storeId)
    const res = await quote(uid('buyer'), { lines, address: { ...address, region: 'CN-65' } })
    expect(res.status).toBe(422)
    expect(res.body).toEqual({
      error: {
        code: 'ADDRESS_OUT_OF_REGION',
        message: `address.region: store ${storeId} does not ship to CN-65`,
        details: { field: 'address.region', storeId, regionCode: 'CN-65' },
      },
    })
  })

  it('a named coupon that is expired, used, held, not applicable or not the buyer’s, with the reason', async () => {
    const { lines } = await oneSku()
    const buyer = uid('buyer')
    const now = Date.now()
    const expired = await issueDirect(buyer, { startsAt: now - DAY, endsAt: now - HOUR })
    const used = await issueDirect(buyer)
    await walletStub(buyer).redeem('order-paid', [used], 0)
    await walletStub(buyer).consume('order-paid')
    const held = await issueDirect(buyer)
    await walletStub(buyer).redeem('order-pending', [held], 0)
    const otherStore = await createStore()
    const narrow = await issue(await couponTemplate({ scope: { storeIds: [otherStore] } }), buyer)
    const foreign = await issue(await couponTemplate(), uid('someone-else'))
    const reasons: [string, string][] = [
      [expired, 'EXPIRED'],
      [used, 'USED'],
      [held, 'LOCKED'],
      [narrow, 'NOT_APPLICABLE'],
      [foreign, 'NOT_FOUND'],
    ]
    for (const [couponId, reason] of reasons) {
      const res = await quote(buyer, { lines, couponIds: [couponId] })
      expect([res.status, res.body]).toMatchObject([
        422,
        {
          error: {
            code: 'COUPON_NOT_USABLE',
            message: `coupon ${couponId} cannot be used: ${reason}`,
            details: { couponId, reason },
          },
        },
      ])
    }
  })

  it('bad input with 400 naming the field, and other roles with 403', async () => {
    const { lines } = await oneSku()
    const buyer = await token('buyer', uid('buyer'))
    const cases: [unknown, string][] = [
      [{ lines, address, extra: 1 }, 'json extra:'],
      [{ lines: [{ skuId: lines[0]?.skuId, qty: 0 }], address }, 'json lines.0.qty:'],
      [{ lines, address, couponIds: 'best' }, 'json couponIds:'],
      [{ lines, address, points: -1 }, 'json points:'],
      [{ lines }, 'json address:'],
    ]
    for (const [body, prefix] of cases) {
      const res = await api('POST', '/v1/checkout/quote', { token: buyer, body })
      expect(res.status).toBe(400)
      expect((res.body as { error: { message: string } }).error.message).toContain(prefix)
    }
    const malformed = await api('POST', '/v1/checkout/quote', {
      token: buyer,
      rawBody: '{"lines":',
    })
    expect(malformed.status).toBe(400)
    const merchant = await token('merchant', 'clerk-1', 'store-x')
    const res = await api('POST', '/v1/checkout/quote', {
      token: merchant,
      body: { lines, address },
    })
    expect(res.status).toBe(403)
  })
})
