import type { Subscription } from '../../src/domain/subscription/types'
import type { SubscriptionRow } from '../../src/store/subscriptions'

/** The D1 row of a subscription snapshot. */
export function projectionRow(sub: Subscription): SubscriptionRow {
  return {
    id: sub.id,
    user_id: sub.userId,
    store_id: sub.plan.storeId,
    status: sub.status,
    period: sub.plan.period,
    cycles: sub.plan.cycles,
    cycles_done: sub.cyclesDone,
    price_amount: sub.plan.pricePerCycle.amount,
    currency: sub.plan.pricePerCycle.currency,
    next_renewal_at: sub.nextDueAt,
    created_at: sub.createdAt,
    updated_at: sub.updatedAt,
    version: sub.version,
  }
}
