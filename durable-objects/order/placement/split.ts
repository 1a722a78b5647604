import { maxPackagesPerOrder, splitConfigFrom } from '../../../src/config'
import type { ChildRef, StockLine, StockLinePlan, StockWarehouse } from '../../../src/domain/order'
import type { Draft } from '../../../src/domain/order-draft'
import {
  pointsShares,
  type StoreFreight,
  splitSubmission,
} from '../../../src/domain/split-submission'
import type { SplitPackage } from '../../../src/domain/split-types'
import type { Env } from '../../../src/env'
import { childOrderId, orderIdKeyring } from '../../../src/ids'

/** One package of a split submission, and the child order that will carry it. */
export interface ChildPlan {
  readonly orderId: string
  readonly pkg: SplitPackage
  readonly points: number
}

export type SplitPlan =
  | { readonly kind: 'single' }
  | { readonly kind: 'split'; readonly children: ChildPlan[]; readonly stock: StockLinePlan[] }
  | { readonly kind: 'too_many'; readonly packages: number; readonly cap: number }

/**
 * The children a submission splits into, or `single` when it ships as one order. Only physical
 * orders split; `warehouses` is where each line (by line number) ships from. The child ids
 * derive from the parent's, so a retried placement names the same children, and each child's
 * stock lines say which child holds them.
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
  warehouses: ReadonlyMap<number, StockWarehouse>,
  now: number,
): Promise<SplitPlan> {
  const single = { kind: 'single' } as const
  if (input.draft.type !== 'physical') return single
  if (input.draft.lines.some((l) => !warehouses.has(l.lineNo))) return single
  const lines = input.draft.lines.map((l) => ({
    ...l,
    warehouseId: warehouses.get(l.lineNo)?.warehouseId ?? '',
  }))
  const packages = splitSubmission(lines, input.freightByStore, splitConfigFrom(env), now)
  if (packages.length <= 1) return single
  // Every package is an order actor: a cart that would fan out into hundreds is refused first.
  const cap = maxPackagesPerOrder(env)
  if (packages.length > cap) return { kind: 'too_many', packages: packages.length, cap }
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
      const warehouse = warehouses.get(line.lineNo)
      if (!plan || !warehouse) return []
      return [{ ...plan, holderId: child.orderId, qty: line.qty, warehouses: [warehouse] }]
    }),
  )
  return { kind: 'split', children, stock }
}

/** A child's own draft: its package's lines and amounts and type, in the parent's currency. */
export function childDraft(parent: Draft, pkg: SplitPackage): Draft {
  return {
    type: pkg.orderType,
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
