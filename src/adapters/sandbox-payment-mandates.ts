import type { SavedCharge } from './payment-provider'
import { providerFailure } from './payment-provider'
import type { SandboxContext, SandboxDelivery } from './sandbox-payment-context'
import { complete } from './sandbox-payment-sessions'

const methodPattern = /^pm_[A-Za-z0-9_]{1,60}$/

/**
 * The sandbox's saved payment methods are test fixtures, as a provider's test mode has them:
 * any `pm_…` id pays, and one starting `pm_sandbox_declined` is always declined.
 */
export function declines(paymentMethod: string): boolean {
  return paymentMethod.startsWith('pm_sandbox_declined')
}

export function isSandboxPaymentMethod(paymentMethod: string): boolean {
  return methodPattern.test(paymentMethod)
}

/**
 * Pays an open session from a saved method, the buyer absent: the same `payment.succeeded` or
 * `payment.failed` webhook as a checkout, and a paid session answers again with its one payment.
 */
export async function chargeSaved(
  ctx: SandboxContext,
  input: SavedCharge,
): Promise<SandboxDelivery> {
  if (!isSandboxPaymentMethod(input.paymentMethod)) {
    return providerFailure('INVALID_REQUEST', `payment method ${input.paymentMethod} is unknown`)
  }
  return complete(ctx, input.sessionId, declines(input.paymentMethod) ? { fail: true } : {})
}
