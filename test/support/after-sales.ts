import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { createSku, createStore } from './catalog'
import { api, token } from './http'
import { uid } from './ids'
import { type OrderBody, place, settle } from './orders'

export interface AfterSale {
  id: string
  orderId: string
  type: string
  status: string
  lines: { lineNo: number; qty: number }[]
  returnShipment: { carrier: string; trackingNumber: string } | null
  refund: {
    total: { amount: number }
    items: { amount: number }
    freight: { amount: number }
    points: number
    closesOrder: boolean
    lines: { lineNo: number; qty: number; amount: { amount: number } }[]
  } | null
  replacementOrderId: string | null
  rejectReason: string | null
  labels: { buyer: { en: string } }
  error?: { code: string; message: string; details?: Record<string, unknown> }
}

export type Order = OrderBody & {
  lines: { lineNo: number; skuId: string; qty: number; finalAmount: { amount: number } }[]
  fulfilment?: string
}

export const buyerToken = (buyer: string) => token('buyer', buyer)
export const merchantToken = (storeId: string) => token('merchant', `clerk-${storeId}`, storeId)

/**
 * Ships a paid order: by the merchant while the warehouse has not taken it, else as the
 * warehouse's outbound report once the order-events queue has pushed it there.
 */
export async function ship(id: string, storeId: string): Promise<void> {
  const shipment = { carrier: 'SF', trackingNumber: `SF${uid('t').replaceAll('-', '')}` }
  const byMerchant = await api('POST', `/v1/merchant/orders/${id}/ship`, {
    token: await merchantToken(storeId),
    body: shipment,
  })
  if (byMerchant.status === 200) return
  const warehouse = await token('warehouse', 'wh-clerk')
  for (let i = 0; i < 100; i++) {
    await settle(id)
    const out = await api('POST', `/v1/warehouse/orders/${id}/outbound`, {
      token: warehouse,
      body: shipment,
    })
    if (out.status === 200) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`order ${id} could not be shipped`)
}

/**
 * A paid and shipped order of one store, its lines at `prices` each bought `qty` times; `extra`
 * joins the placement body (attributes, a note).
 */
export async function shippedOrder(
  prices: number[],
  qty = 1,
  stock = 10,
  extra: Record<string, unknown> = {},
) {
  const storeId = await createStore()
  const skus: string[] = []
  for (const price of prices) skus.push(await createSku({ storeId, price, stock }))
  const buyer = uid('buyer')
  const placed = await place(buyer, { lines: skus.map((skuId) => ({ skuId, qty })), ...extra })
  expect(placed.status).toBe(201)
  const id = placed.body.id
  const paid = await api('POST', `/v1/orders/${id}/pay`, { token: await buyerToken(buyer) })
  expect(paid.status).toBe(200)
  await settle(id)
  await ship(id, storeId)
  return { buyer, id, storeId, skus }
}

export async function receive(id: string, buyer: string): Promise<void> {
  const res = await api('POST', `/v1/orders/${id}/confirm-receipt`, {
    token: await buyerToken(buyer),
  })
  expect(res.status).toBe(200)
}

export async function openAfterSale(
  id: string,
  buyer: string,
  type: string,
  lines: { lineNo: number; qty: number }[],
) {
  return api<AfterSale>('POST', `/v1/orders/${id}/after-sales`, {
    token: await buyerToken(buyer),
    body: { type, lines, reason: 'not as described' },
  })
}

/** The merchant's returns desk, where approved returns, exchanges and repairs are sent. */
export const returnDesk = {
  name: 'Returns desk',
  phone: '+86 21 5555 0100',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '88 Dock Road, Gate 3',
}

/** A merchant step on an after-sale: approve, reject, receive, send-exchange. */
export async function merchantStep(
  id: string,
  storeId: string,
  asId: string,
  step: string,
  body?: unknown,
) {
  // Goods coming back need a return address on approval; a refund only ignores it.
  const sent = body ?? (step === 'approve' ? { returnAddress: returnDesk } : undefined)
  return api<AfterSale>('POST', `/v1/merchant/orders/${id}/after-sales/${asId}/${step}`, {
    token: await merchantToken(storeId),
    ...(sent === undefined ? {} : { body: sent }),
  })
}

export async function shipBack(id: string, buyer: string, asId: string) {
  return api<AfterSale>('POST', `/v1/orders/${id}/after-sales/${asId}/ship-back`, {
    token: await buyerToken(buyer),
    body: { carrier: 'YTO', trackingNumber: 'YT123456' },
  })
}

export async function afterSalesOf(id: string): Promise<AfterSale[]> {
  const res = await api<{ items: AfterSale[] }>('GET', `/v1/orders/${id}/after-sales`, {
    token: await token('service', 'cs'),
  })
  return res.body.items
}

export async function rows(sql: string, ...binds: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all()
  ).results
}

/** What moved for an order: the payments ledger's kinds and amounts, once history reached D1. */
export async function ledgerOf(id: string) {
  await settle(id)
  const found = await rows(
    'SELECT kind, amount FROM payments_ledger WHERE order_id = ? ORDER BY at, kind',
    id,
  )
  return found.map((r) => [r.kind, r.amount])
}

export async function eventsOf(id: string): Promise<string[]> {
  const res = await api<{ events: { action: string }[] }>('GET', `/v1/orders/${id}/history`, {
    token: await token('service', 'cs'),
  })
  return res.body.events.map((e) => e.action)
}
