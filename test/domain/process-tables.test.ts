import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decide } from '../../src/domain/process/decide'
import { toMermaid } from '../../src/domain/process/mermaid'
import type { OrderProcess } from '../../src/domain/process/order-process'
import { type OrderStatus, orderActions, orderStatuses } from '../../src/domain/process/order-types'
import { perspectives, statusLabels } from '../../src/domain/process/perspectives'
import { physicalProcess } from '../../src/domain/process/physical'
import { processes } from '../../src/domain/process/registry'
import { roles } from '../../src/domain/process/types'
import { assertValidProcess, processProblems } from '../../src/domain/process/validate'

const subject = { afterSaleOpen: true, presale: null }

describe('process tables', () => {
  it('are all valid at start-up', () => {
    for (const def of Object.values(processes)) expect(processProblems(def)).toEqual([])
  })

  it('refuses a table with an unreachable state, an unknown target and an unused action', () => {
    const broken: OrderProcess = {
      ...physicalProcess,
      states: [...physicalProcess.states, 'split'],
      actions: [...physicalProcess.actions, 'pay_deposit'],
      transitions: {
        ...physicalProcess.transitions,
        pending_shipment: { ship: { to: 'teleported' as OrderStatus, roles: ['merchant'] } },
      },
    }
    expect(processProblems(broken)).toEqual([
      'pending_shipment --ship--> unknown state teleported',
      'action cancel_paid has no transition',
      'action intercept has no transition',
      'action pay_deposit has no transition',
      'state intercepting is unreachable from pending_payment',
      'state pending_receipt is unreachable from pending_payment',
      'state completed is unreachable from pending_payment',
      'state closed is unreachable from pending_payment',
      'state split is unreachable from pending_payment',
      'state split is a dead end but not terminal',
    ])
    expect(() => assertValidProcess(broken)).toThrow(/process physical is invalid/)
  })

  it('refuses a timer that fires an action its state does not allow', () => {
    const broken: OrderProcess = {
      ...physicalProcess,
      timers: {
        pending_shipment: [
          {
            kind: 'auto_confirm',
            action: 'auto_confirm',
            base: 'entered_at',
            duration: 'AUTO_CONFIRM_SECONDS',
          },
        ],
      },
    }
    expect(processProblems(broken)).toEqual([
      'timer auto_confirm in pending_shipment fires auto_confirm, not allowed there',
    ])
  })

  it('labels every status for every perspective in English and Chinese', () => {
    for (const status of orderStatuses) {
      for (const p of perspectives) {
        expect(statusLabels[status][p].en.length).toBeGreaterThan(0)
        expect(statusLabels[status][p].zh.length).toBeGreaterThan(0)
      }
    }
    expect(statusLabels.pending_receipt.buyer.en).toBe('Shipped')
    expect(statusLabels.pending_receipt.merchant.en).toBe('Awaiting receipt')
    expect(statusLabels.pending_receipt.warehouse.en).toBe('Outbound')
  })

  it('draws the physical process as a Mermaid state diagram', () => {
    const text = toMermaid(physicalProcess)
    expect(text.split('\n').slice(0, 4)).toEqual([
      'stateDiagram-v2',
      '  [*] --> pending_payment',
      '  pending_payment --> pending_shipment : pay',
      '  pending_payment --> cancelled : cancel',
    ])
    expect(text).toContain('  cancelled --> [*]')
  })

  it('never decides a transition that is not in the table', () => {
    const types = Object.keys(processes) as (keyof typeof processes)[]
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.constantFrom(...orderStatuses),
        fc.constantFrom(...orderActions),
        fc.constantFrom(...roles),
        (type, status, action, role) => {
          const def = processes[type]
          const d = decide(def, status, action, role, subject, Date.now())
          const tr = def.transitions[status]?.[action]
          if (d.ok) {
            expect(tr?.to).toBe(d.to)
            expect(tr?.roles).toContain(role)
          } else if (!tr) expect(d.code).toBe('ILLEGAL_TRANSITION')
        },
      ),
    )
  })

  it('names the state and action of an illegal transition', () => {
    const d = decide(physicalProcess, 'completed', 'pay', 'buyer', subject, 0)
    expect(d).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: 'action pay is not allowed in state completed',
      details: { state: 'completed', action: 'pay', type: 'physical' },
    })
  })

  it('keeps the balance of a presale closed until its window opens', () => {
    const presale = { afterSaleOpen: true, presale: { balanceStartsAt: 1_000 } }
    const early = decide(processes.presale, 'pending_balance', 'pay_balance', 'buyer', presale, 999)
    expect(early.ok ? null : early.code).toBe('BALANCE_WINDOW_NOT_OPEN')
    const open = decide(
      processes.presale,
      'pending_balance',
      'pay_balance',
      'buyer',
      presale,
      1_000,
    )
    expect(open.ok ? open.to : null).toBe('pending_shipment')
  })
})
