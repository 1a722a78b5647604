import type { z } from '@hono/zod-openapi'
import type { Money } from '../../domain/money'
import type { PromotionRule } from '../../domain/pricing/types'
import { AppError } from '../../errors'
import type { PromotionRuleSchema } from '../../http/schemas/pricing'

/** What the pricing admin routes check and convert beyond their schemas. */

export function ruleMonies(rule: PromotionRule): Money[] {
  if (rule.kind === 'spend_save') return [rule.threshold, rule.amountOff]
  if (rule.kind === 'spend_percent_off') return [rule.threshold, ...(rule.cap ? [rule.cap] : [])]
  if (rule.kind === 'buy_x_get_y') return []
  return rule.tiers.flatMap((t) => [t.threshold, t.amountOff])
}

/** The one currency of a set of amounts, or null when they mix currencies. */
export function oneCurrency(monies: readonly Money[]): string | null {
  const first = monies[0]?.currency ?? null
  return monies.every((m) => m.currency === first) ? first : null
}

export const toMs = (iso: string) => Date.parse(iso)
export const toIso = (ms: number) => new Date(ms).toISOString()

/** The rule with mutable arrays, as the response schema types it. */
export function ruleView(rule: PromotionRule): z.infer<typeof PromotionRuleSchema> {
  return rule.kind === 'tiered' ? { kind: 'tiered', tiers: [...rule.tiers] } : rule
}

/** A 400 naming one body field, shaped like the router's own validation failures. */
export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `body ${field}: ${message}`, {
    target: 'json',
    issues: [{ field, code: 'custom', message }],
  })
}
