import type { AfterSaleTimerKind } from './after-sale-types'

/**
 * Whose timer a key of the order actor's timers table names. The actor keeps one table keyed by
 * these strings over its single alarm: the order's own timers by kind, each after-sale's by its
 * id and kind (two after-sales never overwrite each other's), the placement's watchdog, and the
 * check that holds an unpaid order's stock past its short lease.
 */
export type TimerRef =
  | { readonly owner: 'order'; readonly kind: string }
  | {
      readonly owner: 'after_sale'
      readonly afterSaleId: string
      readonly kind: AfterSaleTimerKind
    }
  | { readonly owner: 'placement' }
  | { readonly owner: 'stock_hold' }

const afterSalePrefix = 'after_sale:'
const placementKey = 'placement_timeout'
const stockHoldKey = 'stock_hold'
const afterSaleKinds: readonly string[] = ['merchant_review', 'return_ship_deadline']

/** An after-sale's own name for its timer: `as:<id>:<kind>`. */
export function afterSaleTimerKey(afterSaleId: string, kind: AfterSaleTimerKind): string {
  return `as:${afterSaleId}:${kind}`
}

/** The timers-table key for a timer. */
export function timerKey(ref: TimerRef): string {
  if (ref.owner === 'placement') return placementKey
  if (ref.owner === 'stock_hold') return stockHoldKey
  if (ref.owner === 'order') return ref.kind
  return `${afterSalePrefix}${afterSaleTimerKey(ref.afterSaleId, ref.kind)}`
}

const isAfterSaleKind = (kind: string | undefined): kind is AfterSaleTimerKind =>
  kind !== undefined && afterSaleKinds.includes(kind)

/**
 * Whose timer a timers-table key names. A key that looks like an after-sale's but does not parse
 * is nobody's: the alarm spends it rather than firing it as an order action.
 */
export function parseTimerKey(key: string): TimerRef | null {
  if (key === placementKey) return { owner: 'placement' }
  if (key === stockHoldKey) return { owner: 'stock_hold' }
  if (!key.startsWith(afterSalePrefix)) return { owner: 'order', kind: key }
  const match = /^as:(.+):([a-z_]+)$/.exec(key.slice(afterSalePrefix.length))
  const [, afterSaleId, kind] = match ?? []
  if (!afterSaleId || !isAfterSaleKind(kind)) return null
  return { owner: 'after_sale', afterSaleId, kind }
}
