/** A billing period: a count of days, weeks, calendar months or calendar years. */
export interface Period {
  readonly unit: 'D' | 'W' | 'M' | 'Y'
  readonly count: number
}

const isoPattern = /^P([1-9][0-9]{0,2})([DWMY])$/
const dayMs = 86_400_000

/** `P1W`, `P1M`, `P14D`, `P1Y`, or a number of days; null for anything else. */
export function parsePeriod(input: string | number): Period | null {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input >= 1 && input <= 999
      ? { unit: 'D', count: input }
      : null
  }
  const m = isoPattern.exec(input)
  if (!m) return null
  return { unit: m[2] as Period['unit'], count: Number(m[1]) }
}

export function isoPeriod(period: Period): string {
  return `P${period.count}${period.unit}`
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

/**
 * `anchor` plus `n` periods. Months and years are calendar ones in UTC, measured from the anchor
 * each time rather than from the previous date, so the 31st falls on the 30th in short months
 * and goes back to the 31st after, never drifting.
 */
export function addPeriods(anchor: number, period: Period, n: number): number {
  if (period.unit === 'D' || period.unit === 'W') {
    const days = period.unit === 'D' ? period.count : period.count * 7
    return anchor + n * days * dayMs
  }
  const months = n * period.count * (period.unit === 'Y' ? 12 : 1)
  const from = new Date(anchor)
  const total = from.getUTCMonth() + months
  const year = from.getUTCFullYear() + Math.floor(total / 12)
  const month = ((total % 12) + 12) % 12
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month))
  const time = anchor - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())
  return Date.UTC(year, month, day) + time
}
