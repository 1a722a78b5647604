import { describe, expect, it } from 'vitest'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, type OrderBody, placeOrder, timersOf } from '../support/orders'

describe('virtual orders', () => {
  it('are delivered on payment: paid means completed, nothing ships', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 3000, orderType: 'virtual' })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 2 }])
    expect(placed.body.type).toBe('virtual')
    const paid = await api<OrderBody>('POST', `/v1/orders/${placed.body.id}/pay`, {
      token: await token('buyer', buyer),
    })
    expect(paid.body.status).toBe('completed')
    expect(paid.body.completedAt).toBe(paid.body.paidAt)
    const ship = await api('POST', `/v1/merchant/orders/${placed.body.id}/ship`, {
      token: await token('merchant', 'm1', storeId),
      body: { carrier: 'SF', trackingNumber: 'X1' },
    })
    expect(ship.status).toBe(409)
    expect(ship.body).toEqual({
      error: {
        code: 'ILLEGAL_TRANSITION',
        message: 'action ship is not allowed in state completed',
        details: { state: 'completed', action: 'ship', type: 'virtual' },
      },
    })
  })
})

describe('presale orders', () => {
  it('take a deposit, then the balance once its window opens, then ship', async () => {
    const storeId = await createStore()
    const sku = await createSku({
      storeId,
      price: 10000,
      orderType: 'presale',
      presaleDepositAmount: 2000,
      presaleBalanceStartsAt: new Date(Date.now() - 60_000).toISOString(),
    })
    const buyer = uid('buyer')
    const buyerToken = await token('buyer', buyer)
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 2 }])
    expect(placed.body.status).toBe('pending_deposit')
    expect(placed.body.presale).toMatchObject({
      deposit: { amount: 4000, currency: 'CNY' },
      balance: { amount: 16000, currency: 'CNY' },
    })
    const id = placed.body.id
    const deposit = await api<OrderBody>('POST', `/v1/orders/${id}/pay`, { token: buyerToken })
    expect(deposit.body.status).toBe('pending_balance')
    expect(deposit.body.amounts.paid.amount).toBe(4000)
    expect((await timersOf(id)).map((t) => t.kind)).toEqual(['balance_deadline'])

    const balance = await api<OrderBody>('POST', `/v1/orders/${id}/pay`, { token: buyerToken })
    expect(balance.body.status).toBe('pending_shipment')
    expect(balance.body.amounts.paid.amount).toBe(20000)
    const shipped = await api<OrderBody>('POST', `/v1/merchant/orders/${id}/ship`, {
      token: await token('merchant', 'm1', storeId),
      body: { carrier: 'JD', trackingNumber: 'JD9' },
    })
    expect(shipped.body.status).toBe('pending_receipt')
    const done = await api<OrderBody>('POST', `/v1/orders/${id}/confirm-receipt`, {
      token: buyerToken,
    })
    expect(done.body.status).toBe('completed')
  })

  it('refuses the balance before its window opens with 422', async () => {
    const storeId = await createStore()
    const sku = await createSku({
      storeId,
      price: 10000,
      orderType: 'presale',
      presaleDepositAmount: 1000,
      presaleBalanceStartsAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    const buyer = uid('buyer')
    const buyerToken = await token('buyer', buyer)
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    await api('POST', `/v1/orders/${placed.body.id}/pay`, { token: buyerToken })
    const early = await api('POST', `/v1/orders/${placed.body.id}/pay`, { token: buyerToken })
    expect(early.status).toBe(422)
    expect((early.body as { error: { code: string } }).error.code).toBe('BALANCE_WINDOW_NOT_OPEN')
    const [deadline] = await timersOf(placed.body.id)
    // The balance deadline counts from the window's opening, not from the deposit.
    expect(deadline?.kind).toBe('balance_deadline')
    expect(deadline?.due_at).toBeGreaterThanOrEqual(Date.now() + 86_400_000 + 604_800_000 - 5_000)
  })

  it('cancels a presale whose balance deadline passes, keeping the deposit on record', async () => {
    const storeId = await createStore()
    const sku = await createSku({
      storeId,
      price: 5000,
      orderType: 'presale',
      presaleDepositAmount: 500,
    })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    await api('POST', `/v1/orders/${placed.body.id}/pay`, { token: await token('buyer', buyer) })
    expect(await elapse(placed.body.id)).toBe(true)
    const after = await api<OrderBody>('GET', `/v1/orders/${placed.body.id}`, {
      token: await token('buyer', buyer),
    })
    expect(after.body.status).toBe('cancelled')
    expect(after.body.cancelReason).toBe('BALANCE_TIMEOUT')
    expect(after.body.amounts.paid.amount).toBe(500)
  })
})
