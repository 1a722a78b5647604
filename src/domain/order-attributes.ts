/**
 * What a buyer may say about an order besides its lines: where it was placed, how it should
 * reach them, and whether they want an invoice. All optional; absent means "not stated".
 */

export const sourceChannels = ['app', 'web', 'mini_program', 'pos', 'api'] as const
export type SourceChannel = (typeof sourceChannels)[number]

export const deliveryMethods = ['express', 'store_pickup', 'same_day'] as const
export type DeliveryMethod = (typeof deliveryMethods)[number]

export const invoiceTypes = ['personal', 'company'] as const
export type InvoiceType = (typeof invoiceTypes)[number]

export interface InvoiceRequest {
  readonly type: InvoiceType
  /** The name printed on the invoice: the buyer's, or the company's registered name. */
  readonly title: string
  /** The company's taxpayer id; a personal invoice has none. */
  readonly taxId: string | null
  /** Where the electronic invoice is sent. */
  readonly email: string
}

export interface OrderAttributes {
  readonly channel: SourceChannel | null
  readonly delivery: DeliveryMethod | null
  readonly invoice: InvoiceRequest | null
}

export const noAttributes: OrderAttributes = { channel: null, delivery: null, invoice: null }

/** An invoice field that breaks a rule, named as the request body names it. */
export interface InvoiceProblem {
  readonly field: 'invoice.title' | 'invoice.taxId' | 'invoice.email'
  readonly message: string
}

/**
 * A taxpayer id: 15 to 20 capital letters and digits. The unified social credit code (18) and
 * the older 15-, 17- and 20-character registration numbers all fit; its check digit is the tax
 * authority's to verify when the invoice is issued.
 */
const taxIdPattern = /^[0-9A-Z]{15,20}$/
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

interface InvoiceRule {
  readonly field: InvoiceProblem['field']
  readonly message: string
  readonly breaks: (i: InvoiceRequest) => boolean
}

/** Checked in order; the first broken rule is the answer. */
const invoiceRules: readonly InvoiceRule[] = [
  { field: 'invoice.title', message: 'must not be blank', breaks: (i) => i.title.trim() === '' },
  {
    field: 'invoice.taxId',
    message: 'a company invoice needs the tax id',
    breaks: (i) => i.type === 'company' && i.taxId === null,
  },
  {
    field: 'invoice.taxId',
    message: 'a personal invoice carries no tax id',
    breaks: (i) => i.type === 'personal' && i.taxId !== null,
  },
  {
    field: 'invoice.taxId',
    message: 'must be 15 to 20 capital letters and digits',
    breaks: (i) => i.taxId !== null && !taxIdPattern.test(i.taxId),
  },
  {
    field: 'invoice.email',
    message: 'must be an email address',
    breaks: (i) => !emailPattern.test(i.email),
  },
]

export function invoiceProblem(invoice: InvoiceRequest): InvoiceProblem | null {
  const broken = invoiceRules.find((r) => r.breaks(invoice))
  return broken ? { field: broken.field, message: broken.message } : null
}

/** The attributes an order keeps: unstated ones as null. Orders placed before they existed have none. */
export function attributesOf(order: { readonly attributes?: OrderAttributes }): OrderAttributes {
  return order.attributes ?? noAttributes
}
