import { afterEach, describe, expect, it } from 'vitest'
import { createStore } from '../support/catalog'
import { admin } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { cny } from '../support/pricing'
import { clearWalletAlarms } from '../support/wallet'

afterEach(clearWalletAlarms)

async function asAdmin(method: string, path: string, body?: unknown) {
  return api<Record<string, unknown>>(method, path, {
    token: await token('admin', 'admin-1'),
    body,
  })
}

describe('members, points, freight and blacklist admin', () => {
  it('grants points once per Idempotency-Key and sets levels through the wallet', async () => {
    const buyer = uid('buyer')
    const call = {
      token: await token('admin', 'admin-1'),
      headers: { 'Idempotency-Key': 'grant-0001' },
      body: { points: 300, reason: 'birthday' },
    }
    const path = `/v1/admin/members/${buyer}/points`
    expect((await api('POST', path, call)).body).toEqual({
      userId: buyer,
      balance: 300,
      replayed: false,
    })
    expect((await api('POST', path, call)).body).toEqual({
      userId: buyer,
      balance: 300,
      replayed: true,
    })
    expect((await admin('PUT', `/v1/admin/members/${buyer}`, { level: 2 })).body).toEqual({
      userId: buyer,
      level: 2,
    })
    const bad = await asAdmin('POST', path, { points: 0, reason: 'x' })
    expect(bad.status).toBe(400)
  })

  it('keeps member levels and the points policy', async () => {
    await admin('PUT', '/v1/admin/member-levels/41', { name: 'Diamond', discountBps: 900 })
    const levels = await asAdmin('GET', '/v1/admin/member-levels')
    expect(levels.body.items).toContainEqual({ level: 41, name: 'Diamond', discountBps: 900 })
    const policy = {
      rate: { points: 100, minorUnits: 100 },
      maxShareBps: 5000,
      maxPointsPerOrder: null,
    }
    expect((await admin('PUT', '/v1/admin/points-policy', policy)).body).toEqual(policy)
    expect((await asAdmin('GET', '/v1/admin/points-policy')).body).toEqual(policy)
    expect(
      (await asAdmin('PUT', '/v1/admin/member-levels/0', { name: 'x', discountBps: 1 })).status,
    ).toBe(400)
  })

  it('stores one freight template per store and warehouse', async () => {
    const storeId = await createStore()
    const rules = [
      {
        regions: '*',
        firstWeightGrams: 1000,
        firstWeightPrice: cny(1000),
        stepGrams: 1000,
        stepPrice: cny(500),
        freeOver: cny(9900),
      },
    ]
    const id = uid('fr')
    const put = await admin('PUT', `/v1/admin/freight-templates/${id}`, { storeId, rules })
    expect(put.body).toEqual({ id, storeId, warehouseId: null, rules, version: 1 })
    const again = await admin('PUT', `/v1/admin/freight-templates/${id}`, { storeId, rules })
    expect(again.body).toMatchObject({ version: 2 })
    const clash = await asAdmin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, {
      storeId,
      rules,
    })
    expect(clash.status).toBe(409)
    const perWarehouse = { storeId, warehouseId: 'wh-east', rules }
    expect(
      (await asAdmin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, perWarehouse)).status,
    ).toBe(200)
    const usd = [{ ...rules[0], stepPrice: { amount: 1, currency: 'USD' } }]
    const wrong = await asAdmin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, {
      storeId: await createStore(),
      rules: usd,
    })
    expect(wrong.status).toBe(400)
  })

  it('answers a blacklist entry with its fingerprint and 404 for lifting one not there', async () => {
    const res = await admin('POST', '/v1/admin/blacklist', {
      kind: 'phone',
      phone: '+86 138 0000 0000',
    })
    // SHA-256 of the digits "8613800000000".
    expect(res.body).toEqual({
      kind: 'phone',
      value: 'db11f8a9e00948cb74eb8ae19bfa136d58ab9fec269f18714fbbebc28b177a74',
    })
    await admin('DELETE', `/v1/admin/blacklist/phone/${res.body.value}`)
    expect((await asAdmin('DELETE', `/v1/admin/blacklist/phone/${res.body.value}`)).status).toBe(
      404,
    )
  })
})
