import { describe, expect, it } from 'vitest'
import {
  addressChange,
  advanceFulfilment,
  fulfilmentLabels,
  fulfilmentStates,
} from '../../src/domain/order-fulfilment'
import { perspectives } from '../../src/domain/process/perspectives'

describe('the warehouse sub-state of a paid order', () => {
  it('moves forward with the WMS: pushed, picking, outbound', () => {
    expect(advanceFulfilment('pending_shipment', 'not_pushed', 'push')).toEqual({
      ok: true,
      fulfilment: 'pushed',
      changed: true,
    })
    expect(advanceFulfilment('pending_shipment', 'pushed', 'pick')).toMatchObject({
      fulfilment: 'picking',
    })
    expect(advanceFulfilment('intercepting', 'picking', 'outbound')).toMatchObject({
      fulfilment: 'outbound',
      changed: true,
    })
    expect(advanceFulfilment('pending_shipment', 'not_pushed', 'outbound')).toMatchObject({
      fulfilment: 'outbound',
    })
  })

  it('takes a repeated or late report as news already known', () => {
    expect(advanceFulfilment('pending_shipment', 'picking', 'pick')).toEqual({
      ok: true,
      fulfilment: 'picking',
      changed: false,
    })
    expect(advanceFulfilment('pending_receipt', 'outbound', 'pick')).toMatchObject({
      ok: true,
      changed: false,
    })
  })

  it('refuses a report that contradicts an interception', () => {
    expect(advanceFulfilment('cancelled', 'intercepted', 'outbound')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    expect(advanceFulfilment('cancelled', 'pushed', 'pick')).toMatchObject({ ok: false })
  })

  it('labels every sub-state for every perspective', () => {
    for (const f of fulfilmentStates) {
      for (const p of perspectives) expect(fulfilmentLabels[f][p].zh.length).toBeGreaterThan(0)
    }
    expect(fulfilmentLabels.picking.warehouse).toEqual({ en: 'Packing', zh: '打包中' })
  })
})

describe('changing the ship-to address', () => {
  it('is allowed before outbound, telling the WMS once it holds the order', () => {
    expect(addressChange('pending_payment', 'not_pushed')).toEqual({ ok: true, tellWms: false })
    expect(addressChange('pending_shipment', 'not_pushed')).toEqual({ ok: true, tellWms: false })
    expect(addressChange('pending_shipment', 'pushed')).toEqual({ ok: true, tellWms: true })
    expect(addressChange('pending_shipment', 'picking')).toEqual({ ok: true, tellWms: true })
  })

  it('is refused after outbound, and while an order is being cancelled', () => {
    expect(addressChange('pending_shipment', 'outbound')).toMatchObject({
      ok: false,
      code: 'ALREADY_OUTBOUND',
    })
    expect(addressChange('pending_receipt', 'outbound')).toMatchObject({ code: 'ALREADY_OUTBOUND' })
    expect(addressChange('intercepting', 'pushed')).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    expect(addressChange('cancelled', 'intercepted')).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
  })
})
