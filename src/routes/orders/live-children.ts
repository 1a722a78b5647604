import type { ActorRef } from '../../domain/order'
import type { OrderView } from '../../domain/order-view'
import type { Env } from '../../env'

/**
 * A split parent as its children are right now: each child's status and paid amount read from
 * the child itself, since the parent hears of changes a moment later. Children the caller may
 * not see (another store's, for a merchant) are left out.
 */
export async function withLiveChildren(
  env: Env,
  order: OrderView,
  by: ActorRef,
): Promise<OrderView> {
  if (!order.children) return order
  const reads = await Promise.all(
    order.children.map((ch) => env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(ch.id)).read(by)),
  )
  const children = order.children.flatMap((ch, i) => {
    const live = reads[i]
    if (!live?.ok) return []
    return [{ ...ch, status: live.order.status, paid: live.order.amounts.paid }]
  })
  const paid = children.reduce((n, ch) => n + ch.paid.amount, 0)
  return {
    ...order,
    children,
    amounts: { ...order.amounts, paid: { ...order.amounts.paid, amount: paid } },
  }
}
