import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterSaleLabels,
  afterSaleTypeLabels,
} from '../../src/domain/process/after-sale-perspectives'
import { returnRefundProcess } from '../../src/domain/process/after-sale-tables'
import {
  type AfterSaleProcess,
  afterSaleActions,
  afterSaleStatuses,
  afterSaleTypes,
} from '../../src/domain/process/after-sale-types'
import { decide, timerDueAt } from '../../src/domain/process/decide'
import { afterSaleDurationsFrom } from '../../src/domain/process/durations'
import { toMermaid } from '../../src/domain/process/mermaid'
import { perspectives } from '../../src/domain/process/perspectives'
import { afterSaleProcesses } from '../../src/domain/process/registry'
import { afterSaleTimerKey } from '../../src/domain/process/timer-keys'
import { roles } from '../../src/domain/process/types'
import { assertValidProcess, processProblems } from '../../src/domain/process/validate'

const notShipped = { returnShipment: null }
const shipped = { returnShipment: { carrier: 'SF', trackingNumber: 'SF1' } }

describe('after-sale process tables', () => {
  it('are all valid at start-up, with the statuses the after-sale process names', () => {
    for (const def of Object.values(afterSaleProcesses)) expect(processProblems(def)).toEqual([])
    expect(afterSaleProcesses.return_refund.states).toEqual([
      'pending_review',
      'pending_return',
      'pending_refund',
      'succeeded',
      'rejected',
      'closed',
    ])
    expect(afterSaleProcesses.exchange.states).toContain('exchange_outbound')
  })

  it('refuses an unreachable state, an unknown target and a timer its state does not allow', () => {
    const broken: AfterSaleProcess = {
      ...returnRefundProcess,
      states: [...returnRefundProcess.states, 'exchange_outbound'],
      transitions: {
        ...returnRefundProcess.transitions,
        pending_refund: { refund: { to: 'pending_exchange_return', roles: ['system'] } },
      },
      timers: {
        ...returnRefundProcess.timers,
        pending_refund: [
          { kind: 'merchant_review', action: 'auto_approve', duration: 'MERCHANT_REVIEW_SECONDS' },
        ],
      },
    }
    expect(processProblems(broken)).toEqual([
      'pending_refund --refund--> unknown state pending_exchange_return',
      'state succeeded is unreachable from pending_review',
      'state exchange_outbound is unreachable from pending_review',
      'state exchange_outbound is a dead end but not terminal',
      'timer merchant_review in pending_refund fires auto_approve, not allowed there',
    ])
    expect(() => assertValidProcess(broken)).toThrow(/after-sale process return_refund/)
  })

  it('walks a return: review, the goods back, the refund', () => {
    const def = afterSaleProcesses.return_refund
    const approve = decide(def, 'pending_review', 'approve', 'merchant', notShipped)
    expect(approve).toMatchObject({ ok: true, to: 'pending_return', disarm: ['merchant_review'] })
    expect(approve.ok && approve.arm.map((r) => r.kind)).toEqual(['return_ship_deadline'])
    const ship = decide(def, 'pending_return', 'ship_return', 'buyer', notShipped)
    expect(ship).toMatchObject({ ok: true, to: 'pending_return', disarm: [], arm: [] })
    const receive = decide(def, 'pending_return', 'receive_return', 'warehouse', shipped)
    expect(receive).toMatchObject({
      ok: true,
      to: 'pending_refund',
      disarm: ['return_ship_deadline'],
    })
    expect(decide(def, 'pending_refund', 'refund', 'system', shipped)).toMatchObject({
      ok: true,
      to: 'succeeded',
    })
  })

  it('auto-approves a review left unanswered, and only the system may', () => {
    const def = afterSaleProcesses.refund_only
    expect(def.timers.pending_review).toEqual([
      { kind: 'merchant_review', action: 'auto_approve', duration: 'MERCHANT_REVIEW_SECONDS' },
    ])
    expect(decide(def, 'pending_review', 'auto_approve', 'system', notShipped)).toMatchObject({
      ok: true,
      to: 'pending_refund',
    })
    expect(decide(def, 'pending_review', 'auto_approve', 'buyer', notShipped)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })

  it('closes a return the buyer never sent, but not one already on its way back', () => {
    const def = afterSaleProcesses.exchange
    const lapsed = decide(def, 'pending_exchange_return', 'expire_return', 'system', notShipped)
    expect(lapsed).toMatchObject({ ok: true, to: 'closed' })
    const inTransit = decide(def, 'pending_exchange_return', 'expire_return', 'system', shipped)
    expect(inTransit).toMatchObject({ ok: false, code: 'RETURN_ALREADY_SHIPPED' })
    const withdraw = decide(def, 'pending_exchange_return', 'withdraw', 'buyer', shipped)
    expect(withdraw).toMatchObject({ ok: false, code: 'RETURN_ALREADY_SHIPPED' })
  })

  it('sends an exchange out after the goods came back, and nothing refunds it', () => {
    const def = afterSaleProcesses.exchange
    const received = decide(def, 'pending_exchange_return', 'receive_return', 'merchant', shipped)
    expect(received).toMatchObject({ ok: true, to: 'exchange_outbound' })
    expect(decide(def, 'exchange_outbound', 'send_exchange', 'warehouse', shipped)).toMatchObject({
      ok: true,
      to: 'succeeded',
    })
    expect(def.actions).not.toContain('refund')
  })

  it('never decides a transition that is not in the table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...afterSaleTypes),
        fc.constantFrom(...afterSaleStatuses),
        fc.constantFrom(...afterSaleActions),
        fc.constantFrom(...roles),
        fc.boolean(),
        (type, status, action, role, sent) => {
          const def = afterSaleProcesses[type]
          const d = decide(def, status, action, role, sent ? shipped : notShipped)
          const tr = def.transitions[status]?.[action]
          if (d.ok) {
            expect(tr?.to).toBe(d.to)
            expect(tr?.roles).toContain(role)
          } else if (!tr) expect(d.code).toBe('ILLEGAL_TRANSITION')
        },
      ),
    )
  })

  it('times the review at 48 h and the return at 7 days unless the vars say otherwise', () => {
    const durations = afterSaleDurationsFrom({})
    expect(durations).toEqual({ MERCHANT_REVIEW_SECONDS: 172_800, RETURN_SHIP_SECONDS: 604_800 })
    const [review] = afterSaleProcesses.return_refund.timers.pending_review ?? []
    expect(review && timerDueAt(review, 1_000, durations)).toBe(1_000 + 172_800_000)
    expect(
      afterSaleDurationsFrom({ MERCHANT_REVIEW_SECONDS: '60', RETURN_SHIP_SECONDS: 'x' }),
    ).toEqual({ MERCHANT_REVIEW_SECONDS: 60, RETURN_SHIP_SECONDS: 604_800 })
    expect(afterSaleTimerKey('as-1', 'merchant_review')).toBe('as:as-1:merchant_review')
  })

  it('labels every status for every perspective in English and Chinese', () => {
    for (const status of afterSaleStatuses) {
      for (const p of perspectives) {
        expect(afterSaleLabels[status][p].en.length).toBeGreaterThan(0)
        expect(afterSaleLabels[status][p].zh.length).toBeGreaterThan(0)
      }
    }
    expect(afterSaleLabels.pending_return.warehouse.en).toBe('Return expected')
    expect(afterSaleTypeLabels.return_refund.zh).toBe('退货退款')
  })

  it('draws the return machine in Mermaid with its timers as notes', () => {
    const text = toMermaid(afterSaleProcesses.return_refund)
    expect(text.split('\n').slice(0, 3)).toEqual([
      'stateDiagram-v2',
      '  [*] --> pending_review',
      '  pending_review --> pending_return : approve',
    ])
    expect(text).toContain(
      '  note right of pending_review : auto_approve after MERCHANT_REVIEW_SECONDS',
    )
    expect(text).toContain(
      '  note right of pending_return : expire_return after RETURN_SHIP_SECONDS',
    )
    expect(text).toContain('  closed --> [*]')
  })
})
