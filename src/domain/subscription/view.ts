import { subscriptionLabelsFor } from './labels'
import type { Delivery, Subscription } from './types'

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString())

/** The subscription as the API shows it: its plan, where it stands, and what it delivered. */
export function subscriptionView(sub: Subscription, deliveries: readonly Delivery[]) {
  const { plan } = sub
  const currency = plan.pricePerCycle.currency
  return {
    id: sub.id,
    userId: sub.userId,
    storeId: plan.storeId,
    status: sub.status,
    labels: subscriptionLabelsFor(sub.status),
    plan: {
      period: plan.period,
      cycles: plan.cycles,
      pricePerCycle: plan.pricePerCycle,
      lines: plan.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
      address: plan.address,
      paymentMethod: plan.paymentMethod,
    },
    cyclesDone: sub.cyclesDone,
    cyclesLeft: plan.cycles === null ? null : Math.max(0, plan.cycles - sub.cyclesDone),
    nextRenewalAt: iso(sub.nextDueAt),
    failedAttempts: sub.attempt,
    lastFailure: sub.lastFailure && {
      code: sub.lastFailure.code,
      message: sub.lastFailure.message,
      orderId: sub.lastFailure.orderId,
      at: new Date(sub.lastFailure.at).toISOString(),
    },
    deliveries: deliveries.map((d) => ({
      cycle: d.cycle,
      orderId: d.orderId,
      amount: { amount: d.amount, currency: d.currency || currency },
      at: new Date(d.at).toISOString(),
    })),
    createdAt: new Date(sub.createdAt).toISOString(),
    updatedAt: new Date(sub.updatedAt).toISOString(),
  }
}

export type SubscriptionView = ReturnType<typeof subscriptionView>
