import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sandboxWms } from '../../src/adapters/sandbox-wms'
import { uid } from '../support/ids'
import { shanghai, wmsOrder } from '../support/wms'

const wms = () => sandboxWms(env.DB)

describe('sandbox WMS push', () => {
  it('creates an order once, however often it is pushed', async () => {
    const order = wmsOrder()
    expect(await wms().push(order)).toEqual({ ok: true, state: 'pushed', version: 3 })
    expect(await wms().push(order)).toEqual({ ok: true, state: 'pushed', version: 3 })
    const n = await env.DB.prepare(
      'SELECT count(*) AS n FROM sandbox_wms_orders WHERE order_id = ?1',
    )
      .bind(order.orderId)
      .first<{ n: number }>()
    expect(n?.n).toBe(1)
  })

  it('takes a newer version while the goods are inside, never an older one or after outbound', async () => {
    const order = wmsOrder()
    await wms().push(order)
    const moved = { ...order, version: 5, address: { ...shanghai, line1: '2 Nanjing Rd' } }
    expect(await wms().push(moved)).toMatchObject({ version: 5 })
    expect(await wms().push(order)).toMatchObject({ version: 5 })
    await wms().advance(order.orderId, 'outbound')
    expect(await wms().push({ ...moved, version: 9 })).toEqual({
      ok: true,
      state: 'outbound',
      version: 5,
    })
  })

  it('refuses an order with nothing to ship', async () => {
    expect(await wms().push(wmsOrder({ lines: [] }))).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    })
    const zero = wmsOrder({ lines: [{ lineNo: 1, skuId: 's', qty: 0, warehouseId: 'w' }] })
    expect(await wms().push(zero)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' })
  })
})

describe('sandbox WMS interception at each state', () => {
  it('answers NOT_FOUND for an order never pushed', async () => {
    expect(await wms().intercept(uid('ord'))).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('stops a pushed order and a picked one, and says so again when asked twice', async () => {
    for (const steps of [[], ['picking']] as const) {
      const order = wmsOrder()
      await wms().push(order)
      for (const step of steps) await wms().advance(order.orderId, step)
      expect(await wms().intercept(order.orderId)).toEqual({ ok: true })
      expect(await wms().intercept(order.orderId)).toEqual({ ok: true })
      expect(await wms().status(order.orderId)).toMatchObject({ ok: true, state: 'intercepted' })
    }
  })

  it('fails once the goods are outbound', async () => {
    const order = wmsOrder()
    await wms().push(order)
    await wms().advance(order.orderId, 'picking')
    const shipment = { carrier: 'SF', trackingNumber: 'SF123' }
    expect(await wms().advance(order.orderId, 'outbound', shipment)).toEqual({
      ok: true,
      state: 'outbound',
      changed: true,
    })
    expect(await wms().intercept(order.orderId)).toMatchObject({
      ok: false,
      code: 'ALREADY_OUTBOUND',
    })
    expect(await wms().status(order.orderId)).toMatchObject({ state: 'outbound', shipment })
  })

  it('lets exactly one of an interception and an outbound racing for an order win', async () => {
    const order = wmsOrder()
    await wms().push(order)
    const [stopped, out] = await Promise.all([
      wms().intercept(order.orderId),
      wms().advance(order.orderId, 'outbound'),
    ])
    expect([stopped.ok, out.ok].filter(Boolean)).toHaveLength(1)
    const status = await wms().status(order.orderId)
    expect(status).toMatchObject({ state: stopped.ok ? 'intercepted' : 'outbound' })
  })
})

describe('sandbox WMS warehouse floor', () => {
  it('scans forward only, takes a repeated scan as done, and never moves an intercepted order', async () => {
    const order = wmsOrder()
    await wms().push(order)
    expect(await wms().advance(order.orderId, 'picking')).toMatchObject({ changed: true })
    expect(await wms().advance(order.orderId, 'picking')).toEqual({
      ok: true,
      state: 'picking',
      changed: false,
    })
    await wms().advance(order.orderId, 'outbound')
    expect(await wms().advance(order.orderId, 'picking')).toMatchObject({
      ok: false,
      code: 'ILLEGAL_STATE',
    })
    const stopped = wmsOrder()
    await wms().push(stopped)
    await wms().intercept(stopped.orderId)
    expect(await wms().advance(stopped.orderId, 'outbound')).toMatchObject({
      ok: false,
      code: 'INTERCEPTED',
    })
    expect(await wms().advance(uid('ord'), 'picking')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })

  it('changes the address before outbound and refuses after it', async () => {
    const order = wmsOrder()
    await wms().push(order)
    const moved = { ...shanghai, line1: '2 Nanjing Rd' }
    expect(await wms().changeAddress(order.orderId, moved, 4)).toEqual({ ok: true })
    const row = await env.DB.prepare(
      'SELECT address, version FROM sandbox_wms_orders WHERE order_id = ?1',
    )
      .bind(order.orderId)
      .first<{ address: string; version: number }>()
    expect(row && { ...row, address: JSON.parse(row.address) }).toEqual({
      address: moved,
      version: 4,
    })
    await wms().advance(order.orderId, 'outbound')
    expect(await wms().changeAddress(order.orderId, shanghai, 5)).toMatchObject({
      ok: false,
      code: 'ALREADY_OUTBOUND',
    })
    expect(await wms().changeAddress(uid('ord'), shanghai, 1)).toMatchObject({ code: 'NOT_FOUND' })
  })
})
