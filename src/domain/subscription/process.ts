import type { SubscriptionProcess, SubscriptionTransition } from './types'

const owners = ['buyer', 'service', 'admin'] as const
const cancellers = ['buyer', 'merchant', 'service', 'admin'] as const

/** What the renewal outcome does from a state that renews: the actor's own steps. */
const renewalOutcomes = {
  renew: { to: 'active', roles: ['system'] },
  complete: { to: 'completed', roles: ['system'] },
  renewal_failed: { to: 'past_due', roles: ['system'] },
  suspend: { to: 'suspended', roles: ['system'] },
  cancel: { to: 'cancelled', roles: cancellers },
} as const satisfies Record<string, SubscriptionTransition>

/**
 * A subscription: each period the actor's alarm places that cycle's delivery order and charges
 * the saved payment method. A declined charge is retried on the configured schedule
 * (`past_due`); when the schedule is spent the subscription is suspended. Skipping is a
 * self-transition that moves the next renewal one period on.
 */
export const subscriptionProcess: SubscriptionProcess = {
  type: 'subscription',
  initial: 'active',
  states: ['active', 'past_due', 'paused', 'suspended', 'completed', 'cancelled'],
  terminal: ['completed', 'cancelled'],
  actions: ['renew', 'renewal_failed', 'suspend', 'complete', 'pause', 'resume', 'skip', 'cancel'],
  transitions: {
    active: {
      ...renewalOutcomes,
      pause: { to: 'paused', roles: owners },
      skip: { to: 'active', roles: owners },
    },
    past_due: renewalOutcomes,
    paused: {
      resume: { to: 'active', roles: owners },
      cancel: { to: 'cancelled', roles: cancellers },
    },
    suspended: {
      resume: { to: 'active', roles: owners },
      cancel: { to: 'cancelled', roles: cancellers },
    },
  },
  timers: {
    active: [{ kind: 'renewal', action: 'renew', duration: 'PLAN_PERIOD' }],
    past_due: [{ kind: 'renewal_retry', action: 'renew', duration: 'SUBSCRIPTION_RETRY_SECONDS' }],
  },
}
