import { describe, expect, it } from 'vitest'
import { openAfterSaleTypes, orderAfterSaleState } from '../../src/domain/after-sale/order-state'
import { orderLabels } from '../../src/domain/order-labels'
import { afterSaleProcesses } from '../../src/domain/process/registry'
import { finishedAfterSaleStatuses } from '../../src/store/order-after-sale-sql'

describe('order labels', () => {
  it('gives the warehouse its fulfilment sub-state while the order waits for shipment', () => {
    const at = (fulfilment: 'not_pushed' | 'pushed' | 'picking' | 'outbound') =>
      orderLabels({ status: 'pending_shipment', fulfilment }).warehouse
    expect(at('not_pushed')).toEqual({ en: 'Not released', zh: '未下发' })
    expect(at('pushed')).toEqual({ en: 'To pick', zh: '待拣货' })
    expect(at('picking')).toEqual({ en: 'Packing', zh: '打包中' })
    expect(at('outbound')).toEqual({ en: 'Outbound', zh: '已出库' })
  })

  it('leaves buyer, merchant and service on the status while the warehouse picks', () => {
    const labels = orderLabels({ status: 'pending_shipment', fulfilment: 'picking' })
    expect(labels.buyer).toEqual({ en: 'To ship', zh: '待发货' })
    expect(labels.merchant).toEqual({ en: 'To ship', zh: '待发货' })
    expect(labels.service).toEqual({ en: 'Paid, not shipped', zh: '已付款未发货' })
  })

  it('reads the status once the order has left pending_shipment', () => {
    const labels = orderLabels({ status: 'intercepting', fulfilment: 'picking' })
    expect(labels.warehouse).toEqual({ en: 'Intercept requested', zh: '待拦截' })
    expect(orderLabels({ status: 'pending_receipt', fulfilment: 'outbound' }).warehouse.en).toBe(
      'Outbound',
    )
  })

  it('lets an open after-sale speak over the status, and 异常 over both for customer service', () => {
    const labels = orderLabels({
      status: 'completed',
      openAfterSales: ['refund_only'],
      reviewReason: 'PAYMENT_MISMATCH: got 1.00 CNY, owed 2.00 CNY',
    })
    expect(labels.buyer.zh).toBe('退款中')
    expect(labels.merchant.zh).toBe('售后中')
    expect(labels.warehouse.zh).toBe('已签收')
    expect(labels.service).toEqual({ en: 'Abnormal', zh: '异常' })
  })
})

describe('abnormal orders', () => {
  const held = (status: 'held' | 'refunding' | 'accepted') => ({
    paymentId: 'p',
    sessionId: 's',
    amount: 100,
    currency: 'CNY',
    expected: 200,
    heldAt: 1,
    status,
  })

  it('reads 异常 to customer service while a payment is held, and not once it is settled', () => {
    expect(orderLabels({ status: 'pending_payment', held: [held('held')] }).service.zh).toBe('异常')
    expect(orderLabels({ status: 'pending_payment', held: [held('accepted')] }).service.zh).toBe(
      '未支付',
    )
  })
})

describe('the order after-sale sub-state', () => {
  it('is the loudest open after-sale: a return or exchange over a refund only', () => {
    expect(orderAfterSaleState([])).toBe('none')
    expect(orderAfterSaleState(['refund_only', 'refund_only'])).toBe('refunding')
    expect(orderAfterSaleState(['refund_only', 'exchange'])).toBe('in_after_sale')
  })

  it('counts only after-sales that have not ended', () => {
    const base = { id: 'as', orderId: 'o', lines: [], reason: 'r', returnShipment: null }
    const rest = { refund: null, replacementOrderId: null, createdAt: 0, updatedAt: 0, version: 1 }
    const by = { requestedBy: { role: 'buyer' as const, id: 'b' } }
    const open = openAfterSaleTypes([
      { ...base, ...rest, ...by, type: 'return_refund', status: 'pending_return' },
      { ...base, ...rest, ...by, type: 'refund_only', status: 'rejected' },
    ])
    expect(open).toEqual(['return_refund'])
  })

  it('ends in exactly the statuses the D1 open-after-sale index leaves out', () => {
    const ends = new Set(Object.values(afterSaleProcesses).flatMap((p) => [...p.terminal]))
    const sql = [...ends].map((s) => `'${s}'`).join(', ')
    expect(`(${sql})`).toBe(finishedAfterSaleStatuses)
  })
})
