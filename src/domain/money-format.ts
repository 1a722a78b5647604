import * as currencies from 'dinero.js/currencies'

const exponents = currencies as unknown as Record<string, { exponent: number } | undefined>

/**
 * Minor units as a person reads them: 10000 CNY is "100.00 CNY", 500 JPY is "500 JPY". Integer
 * arithmetic only; an unknown currency is shown with two decimals.
 */
export function formatMoney(amount: number, currency: string): string {
  const exponent = exponents[currency]?.exponent ?? 2
  const sign = amount < 0 ? '-' : ''
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0')
  if (exponent === 0) return `${sign}${digits} ${currency}`
  const whole = digits.slice(0, digits.length - exponent)
  return `${sign}${whole}.${digits.slice(digits.length - exponent)} ${currency}`
}
