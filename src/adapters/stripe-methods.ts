/**
 * Payment methods offered on a Stripe Checkout page, by the currency charged. Alipay and WeChat
 * Pay settle only in some presentment currencies; offering them elsewhere makes Stripe refuse the
 * whole session, so they are listed only where the currency allows.
 */
const alipayCurrencies: ReadonlySet<string> = new Set([
  'AUD',
  'CAD',
  'CNY',
  'EUR',
  'GBP',
  'HKD',
  'JPY',
  'MYR',
  'NZD',
  'SGD',
  'USD',
])

const wechatPayCurrencies: ReadonlySet<string> = new Set([
  'AUD',
  'CAD',
  'CHF',
  'CNY',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'JPY',
  'NOK',
  'SEK',
  'SGD',
  'USD',
])

export type StripeMethod = 'card' | 'alipay' | 'wechat_pay'

export function methodsFor(currency: string): StripeMethod[] {
  const methods: StripeMethod[] = ['card']
  if (alipayCurrencies.has(currency)) methods.push('alipay')
  if (wechatPayCurrencies.has(currency)) methods.push('wechat_pay')
  return methods
}
