import { durationsFrom as parseDurations, positiveIntFrom } from './domain/process/durations'
import type { Durations } from './domain/process/order-types'
import { defaultSplitConfig } from './domain/split'
import type { SplitConfig } from './domain/split-types'
import type { Env } from './env'

const defaults: Durations = {
  PAYMENT_TIMEOUT_SECONDS: 30 * 60,
  AUTO_CONFIRM_SECONDS: 14 * 24 * 3600,
  AFTER_SALE_WINDOW_SECONDS: 7 * 24 * 3600,
  PRESALE_BALANCE_SECONDS: 7 * 24 * 3600,
}

const seconds = positiveIntFrom

/** Timer durations from wrangler vars, falling back to the defaults above. */
export function durationsFrom(env: Partial<Env>): Durations {
  return parseDurations(env, defaults)
}

export function maxBodyBytes(env: Partial<Env>): number {
  return seconds(env.MAX_BODY_BYTES, 64 * 1024)
}

/** Placements one buyer may make per minute before 429 RATE_LIMITED (abnormal velocity). */
export function velocityLimit(env: Partial<Env>): number {
  return seconds(env.ORDER_VELOCITY_PER_MINUTE, 20)
}

/** Packages (child orders) one submission may split into before 422 TOO_MANY_PACKAGES. */
export function maxPackagesPerOrder(env: Partial<Env>): number {
  return seconds(env.MAX_PACKAGES_PER_ORDER, 50)
}

const freightSharings = ['by_amount', 'by_weight', 'first_package'] as const

/** How submissions split into packages: carrier, customs and presale limits, freight sharing. */
export function splitConfigFrom(env: Partial<Env>): SplitConfig {
  const sharing = freightSharings.find((s) => s === env.SPLIT_FREIGHT_SHARING)
  return {
    maxWeightGrams: seconds(env.SPLIT_MAX_WEIGHT_GRAMS, defaultSplitConfig.maxWeightGrams),
    maxVolumeCm3: seconds(env.SPLIT_MAX_VOLUME_CM3, defaultSplitConfig.maxVolumeCm3),
    customsValueCap: seconds(env.SPLIT_CUSTOMS_VALUE_CAP, defaultSplitConfig.customsValueCap),
    presaleHorizonDays: seconds(env.SPLIT_PRESALE_DAYS, defaultSplitConfig.presaleHorizonDays),
    freightSharing: sharing ?? defaultSplitConfig.freightSharing,
  }
}

/** A closed child of a partly paid split gets its share of the points back (default on). */
export function returnPointsOfClosedChildren(env: Partial<Env>): boolean {
  return env.SPLIT_RETURN_POINTS_OF_CLOSED_CHILDREN !== 'false'
}

/** A split child paid alone closes its unpaid siblings at once (default), not at their deadlines. */
export function closeUnpaidSiblings(env: Partial<Env>): boolean {
  return env.SPLIT_CLOSE_UNPAID_SIBLINGS !== 'false'
}
