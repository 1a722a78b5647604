import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import {
  act,
  readSubscription,
  renewalDueAt,
  renewNow,
  subscribe,
  subscriptionActorOf,
} from '../support/subscriptions'

const week = 7 * 86_400_000

async function weekly(price = 1500) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price, stock: 20 })
  const buyer = uid('buyer')
  const lines = [{ skuId: sku, qty: 1 }]
  const created = await subscribe(buyer, { storeId, lines, pricePerCycle: price })
  expect(created.status).toBe(201)
  const anchor = Date.parse(created.body.nextRenewalAt ?? '')
  return { id: created.body.id, buyer, sku, storeId, anchor }
}

describe('subscription pause, resume, skip and cancel', () => {
  it('places nothing while paused and renews again once resumed', async () => {
    const { id, buyer, sku, anchor } = await weekly()
    expect(await renewNow(id)).toBe(true)
    const paused = await act(id, 'pause', buyer)
    expect(paused.status).toBe(200)
    expect(paused.body.status).toBe('paused')
    expect(paused.body.labels.merchant).toEqual({ en: 'Paused by buyer', zh: '买家已暂停' })
    expect(paused.body.labels.warehouse).toEqual({ en: 'Deliveries paused', zh: '发货已暂停' })
    expect(paused.body.nextRenewalAt).toBeNull()
    expect(await renewalDueAt(id)).toBeNull()
    await runDurableObjectAlarm(subscriptionActorOf(id))
    expect((await readSubscription(id, buyer)).cyclesDone).toBe(1)

    const resumed = await act(id, 'resume', buyer)
    expect(resumed.status).toBe(200)
    expect(resumed.body.status).toBe('active')
    expect(Date.parse(resumed.body.nextRenewalAt ?? '')).toBe(anchor + week)
    expect(await renewNow(id)).toBe(true)
    const sub = await readSubscription(id, buyer)
    expect(sub.cyclesDone).toBe(2)
    expect(sub.deliveries.map((d) => d.amount.amount)).toEqual([1500, 1500])
    expect(await stockCounts(sku)).toEqual({ received: 20, available: 18, reserved: 0, sold: 2 })
  })

  it('skips exactly the next delivery: the renewal moves one period on', async () => {
    const { id, buyer, anchor } = await weekly()
    expect(await renewNow(id)).toBe(true)
    const skipped = await act(id, 'skip', buyer)
    expect(skipped.status).toBe(200)
    expect(skipped.body.status).toBe('active')
    expect(Date.parse(skipped.body.nextRenewalAt ?? '')).toBe(anchor + 2 * week)
    expect(await renewalDueAt(id)).toBe(anchor + 2 * week)
    expect(await renewNow(id)).toBe(true)
    const sub = await readSubscription(id, buyer)
    expect(sub.cyclesDone).toBe(2)
    expect(sub.deliveries.map((d) => d.cycle)).toEqual([1, 2])
    expect(Date.parse(sub.nextRenewalAt ?? '')).toBe(anchor + 3 * week)
  })

  it('refuses to skip while a renewal is being placed, leaving the schedule as it was', async () => {
    const { id, buyer, anchor } = await weekly()
    await runInDurableObject(subscriptionActorOf(id), (_i, state) => {
      state.storage.sql.exec('UPDATE subscription SET renewing = ?', `${id}:0:0`)
    })
    const skip = await act(id, 'skip', buyer)
    expect(skip.status).toBe(409)
    expect(skip.body).toMatchObject({
      error: {
        code: 'CONFLICT',
        message: 'a renewal is being placed right now; skip again in a moment',
      },
    })
    expect(await renewalDueAt(id)).toBe(anchor)
  })

  it('stops for good when cancelled', async () => {
    const { id, buyer, sku } = await weekly()
    const cancelled = await act(id, 'cancel', buyer)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(cancelled.body.labels.buyer).toEqual({ en: 'Cancelled', zh: '已取消' })
    expect(await renewalDueAt(id)).toBeNull()
    await runDurableObjectAlarm(subscriptionActorOf(id))
    expect((await readSubscription(id, buyer)).deliveries).toEqual([])
    const resumed = await act(id, 'resume', buyer)
    expect(resumed.status).toBe(409)
    expect(resumed.body).toMatchObject({
      error: {
        code: 'ILLEGAL_TRANSITION',
        message: 'action resume is not allowed in state cancelled',
      },
    })
    expect(await stockCounts(sku)).toEqual({ received: 20, available: 20, reserved: 0, sold: 0 })
  })

  it('lets a merchant cancel its store’s subscription but not pause it', async () => {
    const { id, storeId } = await weekly()
    const merchant = await token('merchant', uid('clerk'), storeId)
    const pause = await api('POST', `/v1/subscriptions/${id}/pause`, { token: merchant })
    expect(pause.status).toBe(403)
    expect(pause.body).toMatchObject({ error: { code: 'FORBIDDEN' } })
    const other = await token('merchant', uid('clerk'), await createStore())
    expect((await api('POST', `/v1/subscriptions/${id}/cancel`, { token: other })).status).toBe(404)
    const cancel = await api('POST', `/v1/subscriptions/${id}/cancel`, { token: merchant })
    expect(cancel.status).toBe(200)
    expect(cancel.body).toMatchObject({ status: 'cancelled' })
  })
})
