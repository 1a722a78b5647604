import {
  type AfterSaleDurations,
  type AfterSaleDurationVar,
  afterSaleDurationDefaults,
} from './after-sale-types'

/** A positive whole number from a wrangler var (a string), or the fallback when absent or bad. */
export function positiveIntFrom(raw: string | undefined, fallback: number): number {
  const n = Number(raw)
  return Number.isSafeInteger(n) && n > 0 ? n : fallback
}

/** Timer durations (seconds) from wrangler vars; a missing or bad value falls back to its default. */
export function durationsFrom<K extends string>(
  vars: Partial<Record<K, string>>,
  defaults: Readonly<Record<K, number>>,
): Readonly<Record<K, number>> {
  const out = {} as Record<K, number>
  for (const name of Object.keys(defaults) as K[]) {
    out[name] = positiveIntFrom(vars[name], defaults[name])
  }
  return out
}

/** The after-sale timers' durations from the MERCHANT_REVIEW_SECONDS / RETURN_SHIP_SECONDS vars. */
export function afterSaleDurationsFrom(
  vars: Partial<Record<AfterSaleDurationVar, string>>,
): AfterSaleDurations {
  return durationsFrom(vars, afterSaleDurationDefaults)
}
