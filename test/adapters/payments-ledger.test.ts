import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { LedgerEntry } from '../../src/domain/ledger-entry'
import {
  ledgerDirection,
  ledgerInRange,
  ledgerInsert,
  ledgerOfOrder,
  ledgerRowId,
  ledgerSettle,
  ledgerStatements,
} from '../../src/store/payments-ledger'
import { uid } from '../support/ids'

function entry(orderId: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    orderId,
    parentOrderId: null,
    kind: 'payment',
    providerRef: 'pay_1',
    sessionId: 'cs_1',
    amount: 4545,
    currency: 'CNY',
    status: 'succeeded',
    at: 1_000,
    note: null,
    ...over,
  }
}

describe('payments ledger', () => {
  it('books a redelivered batch once', async () => {
    const orderId = uid('ord')
    const batch = [
      entry(orderId),
      entry(orderId, { kind: 'refund', providerRef: 're_1', amount: 545, at: 2_000, note: 'r' }),
    ]
    await env.DB.batch(ledgerStatements(env.DB, batch))
    await env.DB.batch(ledgerStatements(env.DB, batch))
    expect(await ledgerOfOrder(env.DB, orderId)).toEqual([
      { id: `payment:${orderId}:pay_1`, ...batch[0] },
      { id: `refund:${orderId}:re_1`, ...batch[1] },
    ])
  })

  it('keys one payment per child order of a combined payment', async () => {
    const parent = uid('ord')
    const [a, b] = [uid('ord'), uid('ord')]
    await env.DB.batch([
      ledgerInsert(env.DB, entry(a, { parentOrderId: parent, amount: 3000 })),
      ledgerInsert(env.DB, entry(b, { parentOrderId: parent, amount: 1545 })),
    ])
    expect((await ledgerOfOrder(env.DB, a)).map((r) => [r.id, r.amount])).toEqual([
      [`payment:${a}:pay_1`, 3000],
    ])
    expect((await ledgerOfOrder(env.DB, b)).map((r) => r.parentOrderId)).toEqual([parent])
  })

  it('moves a pending row forward once and never back', async () => {
    const orderId = uid('ord')
    const pending = entry(orderId, { kind: 'refund', providerRef: 're_9', status: 'pending' })
    const id = ledgerRowId(pending)
    await ledgerInsert(env.DB, pending).run()
    await ledgerSettle(env.DB, id, 'succeeded').run()
    await ledgerSettle(env.DB, id, 'failed').run()
    await ledgerInsert(env.DB, pending).run()
    expect((await ledgerOfOrder(env.DB, orderId)).map((r) => r.status)).toEqual(['succeeded'])
  })

  it('pages through a half-open time range', async () => {
    const base = 5_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000
    const orderId = uid('ord')
    const rows = [0, 10, 10, 20, 30].map((dt, i) =>
      entry(orderId, { providerRef: `pay_${i}`, at: base + dt }),
    )
    await env.DB.batch(ledgerStatements(env.DB, rows))
    const first = await ledgerInRange(env.DB, { from: base, to: base + 30, limit: 2 })
    expect(first.map((r) => r.providerRef)).toEqual(['pay_0', 'pay_1'])
    const last = first.at(-1)
    const rest = await ledgerInRange(env.DB, {
      from: base,
      to: base + 30,
      limit: 2,
      after: last ? { at: last.at, id: last.id } : undefined,
    })
    expect(rest.map((r) => r.providerRef)).toEqual(['pay_2', 'pay_3'])
  })

  it('refuses rows that would poison the outbox batch', () => {
    const orderId = uid('ord')
    expect(() => ledgerInsert(env.DB, entry(orderId, { amount: 10.5 }))).toThrow(RangeError)
    expect(() => ledgerInsert(env.DB, entry(orderId, { amount: -1 }))).toThrow(RangeError)
    expect(ledgerDirection('late_payment_refund')).toBe('out')
    expect(ledgerDirection('payment_mismatch')).toBe('in')
  })
})
