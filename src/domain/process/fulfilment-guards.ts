import type { Fulfilment } from '../order-fulfilment'

export type FulfilmentGuardName = 'not_pushed' | 'in_warehouse' | 'not_in_warehouse'
export type FulfilmentGuardCode = 'CONFLICT' | 'INTERCEPT_FAILED'

type FulfilmentGuard = (subject: { readonly fulfilment?: Fulfilment }) => {
  readonly code: FulfilmentGuardCode
  readonly message: string
} | null

const stage = (s: { readonly fulfilment?: Fulfilment }): Fulfilment => s.fulfilment ?? 'not_pushed'

/**
 * Guards on where a paid order stands in the warehouse: a cancel on the spot only before the
 * WMS holds it, an interception only while it does and the goods have not left, the merchant's
 * own ship route only when no WMS holds it.
 */
export const fulfilmentGuards: Readonly<Record<FulfilmentGuardName, FulfilmentGuard>> = {
  not_pushed: (s) =>
    stage(s) === 'not_pushed'
      ? null
      : { code: 'CONFLICT', message: 'the warehouse holds the order: it must be intercepted' },
  in_warehouse: (s) => {
    const f = stage(s)
    if (f === 'pushed' || f === 'picking') return null
    if (f === 'outbound')
      return { code: 'INTERCEPT_FAILED', message: 'the goods are already outbound' }
    return { code: 'CONFLICT', message: `nothing to intercept: the order is ${f}` }
  },
  not_in_warehouse: (s) => {
    const f = stage(s)
    if (f === 'not_pushed' || f === 'outbound') return null
    return { code: 'CONFLICT', message: 'the warehouse holds the order: it ships it' }
  },
}
