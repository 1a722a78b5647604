import { describe, expect, it } from 'vitest'
import { type InvoiceRequest, invoiceProblem } from '../../src/domain/order-attributes'

const company: InvoiceRequest = {
  type: 'company',
  title: 'Acme Trading Co., Ltd.',
  taxId: '91310000MA1FL8XQ3C',
  email: 'ap@acme.example',
}

describe('invoice request rules', () => {
  it('accepts a company invoice with its tax id and a personal one without', () => {
    expect(invoiceProblem(company)).toBeNull()
    const personal = { type: 'personal', title: 'Li Lei', taxId: null, email: 'li@x.example' }
    expect(invoiceProblem(personal as InvoiceRequest)).toBeNull()
  })

  it('names the field a company invoice without a tax id breaks', () => {
    expect(invoiceProblem({ ...company, taxId: null })).toEqual({
      field: 'invoice.taxId',
      message: 'a company invoice needs the tax id',
    })
  })

  it('refuses a tax id on a personal invoice, a malformed tax id, a blank title, a bad email', () => {
    expect(invoiceProblem({ ...company, type: 'personal' })?.field).toBe('invoice.taxId')
    expect(invoiceProblem({ ...company, taxId: '91310000-ma1f' })).toEqual({
      field: 'invoice.taxId',
      message: 'must be 15 to 20 capital letters and digits',
    })
    expect(invoiceProblem({ ...company, title: '   ' })?.field).toBe('invoice.title')
    expect(invoiceProblem({ ...company, email: 'not-an-address' })?.field).toBe('invoice.email')
  })
})
