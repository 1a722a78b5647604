import { describe, expect, it } from 'vitest'
import {
  type AfterSale,
  buyerToken,
  ledgerOf,
  type Order,
  receive,
  returnDesk,
  rows,
  ship,
  shipBack,
} from '../support/after-sales'
import { address, createSku, createStore, stockCounts } from '../support/catalog'
import { weightFreight } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, readOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

type Details = AfterSale & {
  reasonCode: string
  returnFreightPayer: string
  returnAddress: typeof returnDesk | null
  returnFreight: Freight | null
  repairShipment: { carrier: string; trackingNumber: string } | null
  refund: (NonNullable<AfterSale['refund']> & { returnFreight: Freight | null }) | null
}
type Freight = {
  amount: { amount: number }
  paidBy: string
  payer: string
  adjustment: { amount: number }
}

/** A received order: 2 units of a 100.00 SKU, 8.00 freight by the store's template. */
async function receivedOrder() {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 10000, stock: 10 })
  await weightFreight(storeId)
  const buyer = uid('buyer')
  const placed = await api<Order>('POST', '/v1/orders', {
    token: await buyerToken(buyer),
    headers: { 'Idempotency-Key': uid('key') },
    body: { lines: [{ skuId: sku, qty: 2 }], address },
  })
  expect(placed.body.amounts.freight).toEqual(cny(800))
  const id = placed.body.id
  expect(
    (await api('POST', `/v1/orders/${id}/pay`, { token: await buyerToken(buyer) })).status,
  ).toBe(200)
  await settle(id)
  await ship(id, storeId)
  await receive(id, buyer)
  return { id, buyer, storeId, sku }
}

async function open(
  o: { id: string; buyer: string },
  type: string,
  reasonCode?: string,
): Promise<Details> {
  const res = await api<Details>('POST', `/v1/orders/${o.id}/after-sales`, {
    token: await buyerToken(o.buyer),
    body: {
      type,
      lines: [{ lineNo: 1, qty: 1 }],
      reason: 'see photos',
      ...(reasonCode ? { reasonCode } : {}),
    },
  })
  expect(res.status).toBe(201)
  return res.body
}

async function step(
  o: { id: string; storeId: string },
  asId: string,
  name: string,
  body?: unknown,
) {
  const res = await api<Details>(
    'POST',
    `/v1/merchant/orders/${o.id}/after-sales/${asId}/${name}`,
    { token: await token('merchant', `clerk-${o.storeId}`, o.storeId), ...(body ? { body } : {}) },
  )
  await settle(o.id)
  return res
}

async function buyerView(o: { id: string; buyer: string }, asId: string): Promise<Details> {
  const res = await api<{ items: Details[] }>('GET', `/v1/orders/${o.id}/after-sales`, {
    token: await buyerToken(o.buyer),
  })
  const found = res.body.items.find((a) => a.id === asId)
  if (!found) throw new Error(`no after-sale ${asId}`)
  return found
}

describe('the return address', () => {
  it('is required to approve a return, and the buyer reads it in the after-sale', async () => {
    const o = await receivedOrder()
    const opened = await open(o, 'return_refund', 'quality_problem')
    expect(opened).toMatchObject({ reasonCode: 'quality_problem', returnFreightPayer: 'merchant' })
    const bare = await step(o, opened.id, 'approve')
    expect(bare.status).toBe(400)
    expect(bare.body.error?.details).toMatchObject({
      issues: [{ field: 'returnAddress', code: 'RETURN_ADDRESS_REQUIRED' }],
    })
    expect((await buyerView(o, opened.id)).status).toBe('pending_review')
    const approved = await step(o, opened.id, 'approve', { returnAddress: returnDesk })
    expect(approved.status).toBe(200)
    const seen = await buyerView(o, opened.id)
    expect(seen).toMatchObject({ status: 'pending_return', returnAddress: returnDesk })
    const badAddress = await step(o, (await open(o, 'exchange')).id, 'approve', {
      returnAddress: { name: 'x' },
    })
    expect(badAddress.status).toBe(400)
  })
})

describe("the store's return address", () => {
  it('serves an approval that names no address, the review timer included', async () => {
    const o = await receivedOrder()
    const desk = { ...returnDesk, line1: `Returns of ${o.storeId}, Gate 5` }
    const admin = await token('admin', 'admin-1')
    const stored = await api('PUT', `/v1/admin/stores/${o.storeId}`, {
      token: admin,
      body: { name: `Store ${o.storeId}`, currency: 'CNY', returnAddress: desk },
    })
    expect(stored.status).toBe(200)
    expect(stored.body).toEqual({
      id: o.storeId,
      name: `Store ${o.storeId}`,
      currency: 'CNY',
      returnAddress: desk,
    })
    const returned = await open(o, 'return_refund', 'quality_problem')
    const exchanged = await open(o, 'exchange', 'wrong_item')
    expect(returned.returnAddress).toBeNull()

    const approved = await step(o, returned.id, 'approve')
    expect(approved.status).toBe(200)
    expect(await buyerView(o, returned.id)).toMatchObject({
      status: 'pending_return',
      returnAddress: desk,
    })

    expect(await elapse(o.id, [`after_sale:as:${exchanged.id}:merchant_review`])).toBe(true)
    expect(await buyerView(o, exchanged.id)).toMatchObject({
      status: 'pending_exchange_return',
      returnAddress: desk,
    })
  })

  it("gives way to the reviewer's own address", async () => {
    const o = await receivedOrder()
    const desk = { ...returnDesk, line1: `Returns of ${o.storeId}, Gate 5` }
    await api('PUT', `/v1/admin/stores/${o.storeId}`, {
      token: await token('admin', 'admin-1'),
      body: { name: `Store ${o.storeId}`, currency: 'CNY', returnAddress: desk },
    })
    const opened = await open(o, 'repair', 'quality_problem')
    const approved = await step(o, opened.id, 'approve', { returnAddress: returnDesk })
    expect(approved.status).toBe(200)
    expect((await buyerView(o, opened.id)).returnAddress).toEqual(returnDesk)
  })
})

describe('the return freight', () => {
  it('is added to the refund when the buyer paid it and the merchant was at fault', async () => {
    const o = await receivedOrder()
    const opened = await open(o, 'return_refund', 'damaged')
    await step(o, opened.id, 'approve', { returnAddress: returnDesk })
    await shipBack(o.id, o.buyer, opened.id)
    const received = await step(o, opened.id, 'receive', {
      returnFreight: { amount: cny(600), paidBy: 'buyer' },
    })
    expect(received.status).toBe(200)
    expect(received.body.refund).toMatchObject({
      items: cny(10000),
      total: cny(10600),
      returnFreight: {
        amount: cny(600),
        paidBy: 'buyer',
        payer: 'merchant',
        adjustment: cny(600),
      },
    })
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', 20800],
      ['refund', 10600],
    ])
    const [row] = await rows('SELECT refund_amount FROM after_sales WHERE id = ?', opened.id)
    expect(row?.refund_amount).toBe(10600)
  })

  it('is kept back from the refund when the merchant paid it on a return without reason', async () => {
    const o = await receivedOrder()
    const opened = await open(o, 'return_refund')
    expect(opened).toMatchObject({ reasonCode: 'no_reason', returnFreightPayer: 'buyer' })
    await step(o, opened.id, 'approve', { returnAddress: returnDesk })
    await shipBack(o.id, o.buyer, opened.id)
    const received = await step(o, opened.id, 'receive', {
      returnFreight: { amount: cny(800), paidBy: 'merchant' },
    })
    expect(received.body.refund).toMatchObject({
      items: cny(10000),
      total: cny(9200),
      returnFreight: { payer: 'buyer', paidBy: 'merchant', adjustment: cny(-800) },
    })
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', 20800],
      ['refund', 9200],
    ])
    const wrongCurrency = await step(o, (await open(o, 'return_refund')).id, 'approve', {
      returnAddress: returnDesk,
    })
    expect(wrongCurrency.status).toBe(200)
    const usd = await step(o, wrongCurrency.body.id, 'receive', {
      returnFreight: { amount: { amount: 100, currency: 'USD' }, paidBy: 'buyer' },
    })
    expect(usd.status).toBe(400)
  })
  it('adds no more than the order’s freight, so all refunds stay within what was paid', async () => {
    const o = await receivedOrder()
    const totals: number[] = []
    for (const stated of [1500, 600]) {
      const opened = await open(o, 'return_refund', 'quality_problem')
      await step(o, opened.id, 'approve', { returnAddress: returnDesk })
      await shipBack(o.id, o.buyer, opened.id)
      const received = await step(o, opened.id, 'receive', {
        returnFreight: { amount: cny(stated), paidBy: 'buyer' },
      })
      totals.push(received.body.refund?.total.amount ?? -1)
    }
    // 8.00 of freight is all the payment holds beyond the units' finals: 1500 takes it all.
    expect(totals).toEqual([10800, 10000])
    expect(await ledgerOf(o.id)).toEqual([
      ['payment', 20800],
      ['refund', 10800],
      ['refund', 10000],
    ])
    expect((await readOrder<Order>(o.id)).status).toBe('closed')
  })
})

describe('a repair', () => {
  it('takes the goods back, repairs them and ships them back, with no money moving', async () => {
    const o = await receivedOrder()
    const before = await stockCounts(o.sku)
    const opened = await open(o, 'repair', 'quality_problem')
    expect(opened).toMatchObject({ type: 'repair', status: 'pending_review' })
    expect((await step(o, opened.id, 'approve')).status).toBe(400)
    const approved = await step(o, opened.id, 'approve', { returnAddress: returnDesk })
    expect(approved.body).toMatchObject({
      status: 'pending_repair_return',
      labels: { buyer: { en: 'Send the goods back for repair' } },
    })
    expect((await readOrder<Order>(o.id)).afterSale).toBe('in_after_sale')
    await shipBack(o.id, o.buyer, opened.id)
    const received = await step(o, opened.id, 'receive', {
      returnFreight: { amount: cny(500), paidBy: 'buyer' },
    })
    expect(received.body).toMatchObject({
      status: 'repairing',
      refund: null,
      returnFreight: { amount: cny(500), payer: 'merchant', adjustment: cny(0) },
    })
    const shipment = { carrier: 'SF', trackingNumber: 'SF-REPAIRED-1' }
    const sent = await step(o, opened.id, 'send-repaired', shipment)
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({ status: 'succeeded', repairShipment: shipment, refund: null })
    expect(await ledgerOf(o.id)).toEqual([['payment', 20800]])
    expect(await stockCounts(o.sku)).toEqual(before)
    const order = await readOrder<Order>(o.id)
    expect(order).toMatchObject({ status: 'completed', afterSale: 'none' })
  })

  it('is served as a machine, JSON and Mermaid, like the other after-sales', async () => {
    const service = await token('service', 'cs')
    const json = await api<{
      family: string
      states: string[]
      transitions: { from: string; action: string; to: string }[]
    }>('GET', '/v1/admin/processes/repair', { token: service })
    expect(json.status).toBe(200)
    expect(json.body.family).toBe('after_sale')
    expect(json.body.states).toEqual([
      'pending_review',
      'pending_repair_return',
      'repairing',
      'succeeded',
      'rejected',
      'closed',
    ])
    expect(json.body.transitions).toContainEqual(
      expect.objectContaining({ from: 'repairing', action: 'send_repaired', to: 'succeeded' }),
    )
    const mermaid = await api<string>('GET', '/v1/admin/processes/repair?format=mermaid', {
      token: service,
    })
    expect(mermaid.body).toContain('  pending_repair_return --> repairing : receive_return\n')
    expect(mermaid.body).toContain('  repairing --> succeeded : send_repaired\n')
  })
})
