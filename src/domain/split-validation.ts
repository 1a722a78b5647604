import type { SplitConfig, SplitInput, SplitLine } from './split-types'

const freightSharings: readonly string[] = ['by_amount', 'by_weight', 'first_package']

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0

function lineProblem(line: SplitLine): string | null {
  const counts = [
    line.amount,
    line.memberDiscount,
    line.storeDiscount,
    line.platformDiscount,
    line.couponDiscount,
    line.pointsDiscount,
    line.finalAmount,
    line.weightGrams,
    line.volumeCm3,
  ]
  if (!Number.isSafeInteger(line.qty) || line.qty <= 0) return 'qty must be a positive integer'
  if (!counts.every(isCount)) return 'amounts, weight and volume must be non-negative integers'
  const discounts =
    line.memberDiscount +
    line.storeDiscount +
    line.platformDiscount +
    line.couponDiscount +
    line.pointsDiscount
  if (line.amount - discounts !== line.finalAmount) return 'amount - discounts must equal final'
  if (line.shipsAt !== null && !Number.isSafeInteger(line.shipsAt)) return 'shipsAt invalid'
  return null
}

function configProblem(config: SplitConfig): string | null {
  const limits = [config.maxWeightGrams, config.maxVolumeCm3, config.customsValueCap]
  if (!limits.every((n) => Number.isSafeInteger(n) && n > 0)) return 'limits must be positive'
  if (!isCount(config.presaleHorizonDays)) return 'presaleHorizonDays invalid'
  if (!freightSharings.includes(config.freightSharing)) return 'freightSharing unknown'
  return null
}

/**
 * The split's input comes from pricing and placement, never from a buyer directly, so a bad one
 * is a bug upstream: it throws rather than returning a failure code.
 */
export function assertSplittable(input: SplitInput, config: SplitConfig): void {
  if (input.lines.length === 0) throw new RangeError('nothing to split: no lines')
  if (!isCount(input.freight)) throw new RangeError(`freight ${input.freight} invalid`)
  if (!Number.isSafeInteger(input.now)) throw new RangeError(`now ${input.now} invalid`)
  const problem = configProblem(config)
  if (problem) throw new RangeError(`split config: ${problem}`)
  const seen = new Set<number>()
  for (const line of input.lines) {
    const bad = lineProblem(line)
    if (bad) throw new RangeError(`line ${line.lineNo}: ${bad}`)
    if (seen.has(line.lineNo)) throw new RangeError(`line ${line.lineNo} repeats`)
    seen.add(line.lineNo)
  }
}
