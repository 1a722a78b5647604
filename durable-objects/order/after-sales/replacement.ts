import { replacementAttributes, replacementLines } from '../../../src/domain/after-sale/exchange'
import type { AfterSale } from '../../../src/domain/after-sale/record'
import type { Order, OrderAmounts, StockLine, StockLinePlan } from '../../../src/domain/order'
import type { Draft } from '../../../src/domain/order-draft'
import type { Env } from '../../../src/env'
import { type Failure, fail, failureOf, type Result, unwrap } from '../../../src/errors'
import { childOrderId, orderIdKeyring } from '../../../src/ids'
import { takeHoldings } from '../../stock/client'
import type { PlaceOrderInput } from '../types'

const nothing: OrderAmounts = {
  items: 0,
  memberDiscount: 0,
  storeDiscount: 0,
  platformDiscount: 0,
  couponDiscount: 0,
  pointsDiscount: 0,
  freight: 0,
  payable: 0,
  paid: 0,
}

/**
 * The replacement's draft: the returned units again, worth nothing (the money stays on the
 * original's lines). It ships now whatever the original was, so it is a physical order with no
 * presale date.
 */
function replacementDraft(order: Order, a: AfterSale): Draft {
  const lines = replacementLines(order.lines, a).map((l) => ({ ...l, shipsAt: null }))
  const storeIds = [...new Set(lines.map((l) => l.storeId))]
  return {
    type: 'physical',
    currency: order.currency,
    storeIds,
    lines,
    amounts: nothing,
    presale: null,
  }
}

/**
 * Stock for each replacement line, reserved at placement from the warehouse the original line
 * shipped from. No per-buyer limit: an exchange is not a new purchase.
 */
function stockPlanOf(order: Order, a: AfterSale): StockLinePlan[] | null {
  const plans = a.lines.map((asked, i) => {
    const line = order.stock.find((s) => s.lineNo === asked.lineNo)
    if (!line) return null
    const warehouses = [{ warehouseId: line.warehouseId, buckets: line.buckets }]
    const plan: StockLinePlan = {
      lineNo: i + 1,
      skuId: line.skuId,
      qty: asked.qty,
      policy: 'on_place',
      perBuyerLimit: null,
      warehouses,
    }
    return plan
  })
  return plans.every((p) => p !== null) ? plans : null
}

/** Reserves every replacement line under the replacement's id, all or nothing. */
async function reserveReplacement(
  env: Env,
  orderId: string,
  userId: string,
  plans: readonly StockLinePlan[],
): Promise<{ ok: true; stock: StockLine[] } | Failure> {
  const holdings = plans.flatMap((plan) => {
    const warehouse = plan.warehouses[0]
    return warehouse ? [{ plan, warehouse, holderId: orderId }] : []
  })
  const taken = await takeHoldings(env.STOCK_ACTOR, userId, holdings, Date.now())
  if (taken.ok) return taken
  const code = taken.failure.code
  const message = `the replacement is out of stock (${code}); retry when it is back`
  return fail(code === 'SOLD_OUT' ? 'SOLD_OUT' : 'INSUFFICIENT_STOCK', message)
}

/**
 * Creates and pays the zero-value replacement of an exchange as its own order actor, which then
 * follows the normal flow (pushed to the warehouse, shipped, received). It is placed like any
 * order, so its stock is reserved under its own id and a crash mid-way is undone by its alarm;
 * the request hash is the after-sale, so a retried send finds the same order. It is paid by the
 * order's own `pay` transition taken by the system with no amount: nothing is owed, no provider
 * session can be opened for zero, and no payment is booked because no money moved.
 * Not a split child: a child reports every move to its parent, which only a split parent takes.
 */
export async function sendReplacement(
  env: Env,
  order: Order,
  a: AfterSale,
  ordinal: number,
): Promise<Result<{ orderId: string }>> {
  const stockPlan = stockPlanOf(order, a)
  if (!stockPlan) return fail('BUSINESS_RULE', 'the returned lines have no stock to exchange')
  const orderId = await childOrderId(orderIdKeyring(env), order.id, 1000 + ordinal)
  const reserved = await reserveReplacement(env, orderId, order.userId, stockPlan)
  if (!reserved.ok) return reserved
  const input: PlaceOrderInput = {
    orderId,
    requestHash: `exchange:${a.id}`,
    userId: order.userId,
    parentId: null,
    draft: replacementDraft(order, a),
    address: order.address,
    note: `exchange for order ${order.id} (after-sale ${a.id})`,
    stock: reserved.stock,
    children: null,
    wallet: null,
    freightByStore: [],
    attributes: replacementAttributes(order),
  }
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const placed = await stub.place(input)
  const refused = failureOf(placed)
  if (refused) return refused
  if (unwrap(placed).order.status !== 'pending_payment') return { ok: true, orderId }
  const by = { role: 'system' as const, id: `after_sale:${a.id}` }
  const paid = failureOf(await stub.perform('pay', { by }))
  return paid ?? { ok: true, orderId }
}
