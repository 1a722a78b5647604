import { splitConfigFrom } from '../src/config'
import type { ChildRef, StockLine, StockLinePlan, StockWarehouse } from '../src/domain/order'
import type { Draft } from '../src/domain/order-draft'
import { pointsShares, type StoreFreight, splitSubmission } from '../src/domain/split-submission'
import type { SplitPackage } from '../src/domain/split-types'
import type { Env } from '../src/env'
import { childOrderId, orderIdKeyring } from '../src/ids'
import { checkLine } from './stock-allocation'

/** One package of a split submission, and the child order that will carry it. */
export interface ChildPlan {
  readonly orderId: string
  readonly pkg: SplitPackage
  readonly points: number
}

/**
 * Where each line would ship from: the first warehouse, in the region's order, that has the line
 * in stock now. Only reads; the reservation that follows may still find it gone and refuse.
 */
async function chooseWarehouses(env: Env, stock: readonly StockLinePlan[]) {
  const chosen = new Map<number, StockWarehouse>()
  await Promise.all(
    stock.map(async (line) => {
      let pick = line.warehouses[0]
      if (line.warehouses.length > 1) {
        for (const w of line.warehouses) {
          const r = await checkLine(env.STOCK_ACTOR, { skuId: line.skuId, ...w, qty: line.qty })
          if (r.ok) {
            pick = w
            break
          }
        }
      }
      if (pick) chosen.set(line.lineNo, pick)
    }),
  )
  return chosen
}

/**
 * The children a submission splits into, or null when it ships as one order. Only physical
 * orders split; the child ids derive from the parent's, so a retried placement names the same.
 */
export async function planChildren(
  env: Env,
  input: {
    orderId: string
    draft: Draft
    stockPlan: readonly StockLinePlan[]
    freightByStore: readonly StoreFreight[]
    points: number
  },
  now: number,
): Promise<{ children: ChildPlan[]; stock: StockLinePlan[] } | null> {
  if (input.draft.type !== 'physical') return null
  const chosen = await chooseWarehouses(env, input.stockPlan)
  if (chosen.size < input.draft.lines.length) return null
  const lines = input.draft.lines.map((l) => ({
    ...l,
    warehouseId: chosen.get(l.lineNo)?.warehouseId ?? '',
  }))
  const packages = splitSubmission(lines, input.freightByStore, splitConfigFrom(env), now)
  if (packages.length <= 1) return null
  const shares = pointsShares(packages, input.points)
  const children = await Promise.all(
    packages.map(async (pkg, i) => ({
      orderId: await childOrderId(orderIdKeyring(env), input.orderId, pkg.index),
      pkg,
      points: shares[i] ?? 0,
    })),
  )
  const plans = new Map(input.stockPlan.map((p) => [p.lineNo, p]))
  const stock = children.flatMap((child) =>
    child.pkg.lines.flatMap((line) => {
      const plan = plans.get(line.lineNo)
      const warehouse = chosen.get(line.lineNo)
      if (!plan || !warehouse) return []
      return [{ ...plan, holderId: child.orderId, qty: line.qty, warehouses: [warehouse] }]
    }),
  )
  return { children, stock }
}

/** A child's own draft: its package's lines and amounts, in the parent's currency and type. */
export function childDraft(parent: Draft, pkg: SplitPackage): Draft {
  return {
    type: parent.type,
    currency: parent.currency,
    storeIds: [pkg.storeId],
    lines: pkg.lines,
    amounts: { ...pkg.totals, paid: 0 },
    presale: null,
  }
}

export function childRef(child: ChildPlan): ChildRef {
  return {
    id: child.orderId,
    index: child.pkg.index,
    storeId: child.pkg.storeId,
    warehouseId: child.pkg.warehouseId,
    payable: child.pkg.totals.payable,
    points: child.points,
    reasons: [...child.pkg.reasons],
    status: 'pending_payment',
    paid: 0,
    pointsReturned: false,
  }
}

export function stockOf(secured: readonly StockLine[], childId: string): StockLine[] {
  return secured.filter((l) => l.holderId === childId)
}
