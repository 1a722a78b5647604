import { describe, expect, it } from 'vitest'
import { orderLabels } from '../src/domain/order-labels'

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
})
