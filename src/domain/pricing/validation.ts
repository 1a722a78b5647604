import { isKnownCurrency, type Money } from '../money'
import type { Failure } from '../result'
import { templateMonies } from './coupons'
import { ruleMonies } from './promotions'
import type { QuoteFailureCode } from './quote-types'
import type { Cart, CartLine, PricingContext } from './types'

type Check = (cart: Cart, ctx: PricingContext) => Failure<QuoteFailureCode> | undefined

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0
const isBps = (n: number) => isCount(n) && n <= 10_000
const isAmount = (m: Money) => isCount(m.amount)

function fail(
  code: QuoteFailureCode,
  message: string,
  details: Record<string, unknown> = {},
): Failure<QuoteFailureCode> {
  return { ok: false, code, message, details }
}

const lineIsWellFormed = (line: CartLine) =>
  Number.isSafeInteger(line.lineNo) &&
  isCount(line.qty) &&
  line.qty > 0 &&
  isAmount(line.unitPrice) &&
  isCount(line.weightGrams) &&
  Number.isSafeInteger(line.unitPrice.amount * line.qty)

const checkLines: Check = (cart) => {
  const bad = cart.lines.find((line) => !lineIsWellFormed(line))
  if (bad)
    return fail('INVALID_CART', 'line has a bad number, quantity, price or weight', {
      lineNo: bad.lineNo,
    })
  const lineNos = cart.lines.map((l) => l.lineNo)
  const duplicate = lineNos.find((n, i) => lineNos.indexOf(n) !== i)
  if (duplicate !== undefined)
    return fail('INVALID_CART', 'line numbers repeat', { lineNo: duplicate })
  const total = cart.lines.reduce((acc, l) => acc + l.unitPrice.amount * l.qty, 0)
  if (!Number.isSafeInteger(total)) return fail('INVALID_CART', 'cart total is too large')
  return undefined
}

const checkLineCurrency: Check = (cart, ctx) => {
  const other = cart.lines.find((l) => l.unitPrice.currency !== ctx.currency)
  if (!other) return undefined
  return fail('CURRENCY_MISMATCH', 'every line must be priced in the quote currency', {
    lineNo: other.lineNo,
    expected: ctx.currency,
    actual: other.unitPrice.currency,
  })
}

const checkBuyer: Check = (_cart, ctx) => {
  const member = ctx.member
  const ok =
    Number.isSafeInteger(ctx.now) &&
    isCount(ctx.pointsRequested) &&
    (member === null || (Number.isSafeInteger(member.level) && isCount(member.pointsBalance))) &&
    ctx.memberLevels.every((l) => Number.isSafeInteger(l.level) && isBps(l.discountBps))
  return ok ? undefined : fail('INVALID_CONTEXT', 'bad time, points, member or member levels')
}

const checkPointsPolicy: Check = (_cart, ctx) => {
  const p = ctx.pointsPolicy
  const ok =
    p === null ||
    (p.rate.points > 0 &&
      p.rate.minorUnits > 0 &&
      isCount(p.rate.points) &&
      isCount(p.rate.minorUnits) &&
      isBps(p.maxShareBps))
  return ok
    ? undefined
    : fail('INVALID_CONTEXT', 'points policy needs positive integer rate and a cap in basis points')
}

const checkOffers: Check = (_cart, ctx) => {
  const badPromotion = ctx.promotions.find(
    (p) =>
      !ruleMonies(p.rule).every(isAmount) ||
      (p.rule.kind === 'spend_percent_off' && !isBps(p.rule.percentOffBps)),
  )
  if (badPromotion)
    return fail('INVALID_CONTEXT', 'promotion has a bad amount or percentage', {
      promotionId: badPromotion.id,
    })
  const badTemplate = ctx.couponTemplates.find(
    (t) =>
      !templateMonies(t).every(isAmount) ||
      (t.benefit.kind === 'percent_off' && !isBps(t.benefit.percentOffBps)),
  )
  if (badTemplate)
    return fail('INVALID_CONTEXT', 'coupon template has a bad amount or percentage', {
      templateId: badTemplate.id,
    })
  return undefined
}

const checkFreight: Check = (_cart, ctx) => {
  for (const template of ctx.freightTemplates) {
    for (const rule of template.rules) {
      const monies = [
        rule.firstWeightPrice,
        rule.stepPrice,
        ...(rule.freeOver ? [rule.freeOver] : []),
      ]
      if (monies.some((m) => m.currency !== ctx.currency)) {
        return fail('CURRENCY_MISMATCH', 'freight template is priced in another currency', {
          templateId: template.id,
        })
      }
      if (
        !monies.every(isAmount) ||
        !isCount(rule.firstWeightGrams) ||
        !isCount(rule.stepGrams) ||
        rule.stepGrams === 0
      ) {
        return fail('INVALID_CONTEXT', 'freight rule has a bad amount or weight step', {
          templateId: template.id,
        })
      }
    }
  }
  return undefined
}

/** Run in order; the first failure is returned. Line checks come before anything that sums lines. */
const checks: readonly Check[] = [
  (cart) => (cart.lines.length === 0 ? fail('EMPTY_CART', 'the cart has no lines') : undefined),
  (_cart, ctx) =>
    isKnownCurrency(ctx.currency)
      ? undefined
      : fail('UNKNOWN_CURRENCY', `unknown currency ${ctx.currency}`),
  checkLines,
  checkLineCurrency,
  checkBuyer,
  checkPointsPolicy,
  checkOffers,
  checkFreight,
]

/**
 * Everything the engine assumes, checked once up front, so the layers can work in plain integer
 * minor units of one currency. Promotions and coupon templates in another currency are not an
 * error here: they are reported as not applying.
 */
export function validateQuoteInput(
  cart: Cart,
  ctx: PricingContext,
): Failure<QuoteFailureCode> | undefined {
  for (const check of checks) {
    const failure = check(cart, ctx)
    if (failure) return failure
  }
  return undefined
}
