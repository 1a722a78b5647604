import { closeUnpaidSiblings, returnPointsOfClosedChildren } from '../../src/config'
import type { ActorRef, Address, ChildRef, Order, StockLine } from '../../src/domain/order'
import type { OrderAttributes } from '../../src/domain/order-attributes'
import type { Draft } from '../../src/domain/order-draft'
import { siblingCloseReason, siblingsToClose } from '../../src/domain/split-siblings'
import { splitWalletActions } from '../../src/domain/split-wallet'
import type { Env } from '../../src/env'
import { type Failure, failureOf } from '../../src/errors'
import type { OrderLedger } from './ledger'
import { type ChildPlan, childDraft, stockOf } from './placement/split'
import type { OrderStore } from './store'

export interface ChildInput {
  readonly orderId: string
  readonly parentId: string
  readonly userId: string
  readonly draft: Draft
  readonly address: Address
  readonly note: string | null
  readonly attributes?: OrderAttributes
  readonly stock: StockLine[]
}

export interface ChildNews {
  readonly childId: string
  readonly status: string
  readonly paid: number
}

function childStub(env: Env, id: string) {
  return env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(id))
}

/**
 * Creates every child order of a split, each with the stock reserved in its name. Adoption is
 * idempotent per child, so a retried placement re-creates nothing. On any refusal the children
 * already made are cancelled, which gives their stock back.
 */
export async function adoptChildren(
  env: Env,
  parent: {
    orderId: string
    userId: string
    draft: Draft
    address: Address
    note: string | null
    attributes?: OrderAttributes
  },
  children: readonly ChildPlan[],
  secured: readonly StockLine[],
): Promise<Failure | null> {
  const results = await Promise.all(
    children.map((child) =>
      childStub(env, child.orderId).adoptChild({
        orderId: child.orderId,
        parentId: parent.orderId,
        userId: parent.userId,
        draft: childDraft(parent.draft, child.pkg),
        address: parent.address,
        note: parent.note,
        ...(parent.attributes ? { attributes: parent.attributes } : {}),
        stock: stockOf(secured, child.orderId),
      }),
    ),
  )
  const refused = results.map((r) => failureOf(r)).find((f) => f !== null)
  if (!refused) return null
  const system: ActorRef = { role: 'system', id: `split:${parent.orderId}` }
  await Promise.all(
    children.map((c) =>
      childStub(env, c.orderId).perform('cancel', { by: system, reason: 'SPLIT_FAILED' }),
    ),
  )
  return refused
}

/**
 * A child's news reaches its parent: the parent's view of its children is updated, and the
 * coupons and points the submission redeemed are spent, returned, or given back in part.
 */
export function recordChildNews(
  deps: { env: Env; store: OrderStore; ledger: OrderLedger },
  parent: Order,
  news: ChildNews,
): void {
  const children = (parent.children ?? []).map((c) =>
    c.id === news.childId ? { ...c, status: news.status, paid: news.paid } : c,
  )
  const state = parent.walletState ?? { consumed: false, released: false }
  const actions = splitWalletActions(children, state, returnPointsOfClosedChildren(deps.env))
  const restored = new Set(actions.restore.map((r) => r.childId))
  const settled: ChildRef[] = children.map((c) =>
    restored.has(c.id) ? { ...c, pointsReturned: true } : c,
  )
  const walletState = {
    consumed: state.consumed || actions.consume,
    released: state.released || actions.release,
  }
  const base = { orderId: parent.id, userId: parent.userId }
  if (parent.wallet && actions.consume) deps.ledger.queue({ ...base, kind: 'wallet_consume' })
  if (parent.wallet && actions.release) deps.ledger.queue({ ...base, kind: 'wallet_release' })
  for (const r of actions.restore) {
    if (!parent.wallet) break
    deps.ledger.queue({
      ...base,
      kind: 'wallet_restore_points',
      points: r.points,
      opId: `child:${r.childId}`,
    })
  }
  const closing = siblingsToClose(parent.children ?? [], news, closeUnpaidSiblings(deps.env))
  for (const childId of closing) {
    deps.ledger.queue({
      ...base,
      kind: 'close_sibling',
      close: { childId, reason: siblingCloseReason },
    })
  }
  const payload = {
    childId: news.childId,
    status: news.status,
    paid: news.paid,
    ...(closing.length > 0 ? { closing } : {}),
  }
  // The parent was paid for through its children: what they received is what it shows as paid.
  const paid = settled.reduce((n, c) => n + c.paid, 0)
  const amounts = { ...parent.amounts, paid }
  deps.ledger.note('child_updated', payload, { patch: { children: settled, walletState, amounts } })
}
