import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Fulfilment, fulfilmentStates } from '../src/domain/order-fulfilment'
import {
  fulfilmentGuards,
  interceptingLabels,
  isFulfilmentGuard,
  newActions,
  type ReverseAction,
  type ReverseProcess,
  type ReverseStatus,
  reverseStructure,
  withReverseFlows,
} from '../src/domain/order-reverse'
import {
  cancelActionFor,
  effectsOnReverseAction,
  interceptOutcome,
} from '../src/domain/order-reverse-effects'
import { toMermaid } from '../src/domain/process/mermaid'
import { perspectives } from '../src/domain/process/perspectives'
import { physicalProcess } from '../src/domain/process/physical'
import { presaleProcess } from '../src/domain/process/presale'
import { orderStatuses, roles } from '../src/domain/process/types'
import { processProblems } from '../src/domain/process/validate'
import { virtualProcess } from '../src/domain/process/virtual'

const merged = {
  physical: withReverseFlows(physicalProcess),
  presale: withReverseFlows(presaleProcess),
  virtual: withReverseFlows(virtualProcess),
}

/** The engine's decision, with the proposed guards: what decide() does once the tables merge. */
function step(
  def: ReverseProcess,
  state: ReverseStatus,
  action: ReverseAction,
  fulfilment: Fulfilment,
) {
  const tr = def.transitions[state]?.[action]
  if (!tr) return null
  const guard = tr.guard && isFulfilmentGuard(tr.guard) ? fulfilmentGuards[tr.guard] : null
  return guard?.({ fulfilment }) ? null : tr.to
}

describe('the reverse flows merged into the order processes', () => {
  it('validate for every order type', () => {
    for (const def of Object.values(merged))
      expect(processProblems(reverseStructure(def))).toEqual([])
  })

  it('keep every row of today’s tables and add the interception and close rows', () => {
    const def = merged.physical
    for (const state of physicalProcess.states) {
      for (const action of physicalProcess.actions) {
        const before = physicalProcess.transitions[state]?.[action]
        expect(def.transitions[state]?.[action]?.to).toBe(before?.to)
      }
    }
    expect(def.transitions.pending_shipment?.cancel_paid).toMatchObject({
      to: 'cancelled',
      guard: 'not_pushed',
    })
    expect(def.transitions.pending_shipment?.intercept).toMatchObject({ to: 'intercepting' })
    expect(def.transitions.intercepting).toEqual({
      intercept_succeeded: { to: 'cancelled', roles: ['system'] },
      intercept_failed: { to: 'pending_shipment', roles: ['system'] },
    })
    expect(def.transitions.completed?.close?.to).toBe('closed')
    expect(def.transitions.pending_receipt?.close?.to).toBe('closed')
    expect(def.terminal).toEqual(['cancelled', 'closed'])
    expect(merged.virtual.actions).toContain('close')
    expect(merged.virtual.states).not.toContain('intercepting')
  })

  it('would be refused by the validator if the intercepting rows were forgotten', () => {
    const { intercepting: _dropped, ...rest } = merged.physical.transitions
    const broken = { ...merged.physical, transitions: rest }
    expect(processProblems(reverseStructure(broken))).toEqual([
      'action intercept_succeeded has no transition',
      'action intercept_failed has no transition',
      'state intercepting is a dead end but not terminal',
    ])
  })

  it('cancels a paid order not yet pushed, intercepts one in the warehouse, refuses one outbound', () => {
    const def = merged.physical
    const cancel = (f: Fulfilment) => {
      const action = cancelActionFor('pending_shipment', f)
      return [action, step(def, 'pending_shipment', action, f)]
    }
    expect(cancel('not_pushed')).toEqual(['cancel_paid', 'cancelled'])
    expect(cancel('pushed')).toEqual(['intercept', 'intercepting'])
    expect(cancel('picking')).toEqual(['intercept', 'intercepting'])
    expect(cancel('outbound')).toEqual(['intercept', null])
    expect(fulfilmentGuards.in_warehouse({ fulfilment: 'outbound' })?.code).toBe('INTERCEPT_FAILED')
    expect(cancelActionFor('pending_payment', 'not_pushed')).toBe('cancel')
  })

  it('turns the WMS answer into the next action: not found means nothing to stop', () => {
    expect(interceptOutcome({ ok: true })).toBe('intercept_succeeded')
    expect(interceptOutcome({ ok: false, code: 'NOT_FOUND' })).toBe('intercept_succeeded')
    expect(interceptOutcome({ ok: false, code: 'ALREADY_OUTBOUND' })).toBe('intercept_failed')
    expect(effectsOnReverseAction.intercept_succeeded).toEqual([
      'refund_paid',
      'stock_restock',
      'points_return',
    ])
    expect(effectsOnReverseAction.intercept).toEqual(['wms_intercept'])
  })

  it('lets only the WMS ship an order it holds', () => {
    const def = merged.physical
    expect(step(def, 'pending_shipment', 'ship', 'not_pushed')).toBe('pending_receipt')
    expect(step(def, 'pending_shipment', 'ship', 'picking')).toBeNull()
    expect(step(def, 'pending_shipment', 'ship', 'outbound')).toBe('pending_receipt')
  })

  it('labels the new status for every perspective and draws it in Mermaid', () => {
    for (const p of perspectives) expect(interceptingLabels[p].zh.length).toBeGreaterThan(0)
    const text = toMermaid(reverseStructure(merged.physical))
    expect(text).toContain('  pending_shipment --> intercepting : intercept')
    expect(text).toContain('  intercepting --> cancelled : intercept_succeeded')
    expect(text).toContain('  closed --> [*]')
    expect(orderStatuses).toContain('closed')
  })

  it('never walks out of the merged table, and nothing leaves cancelled or closed', () => {
    const actions = [...physicalProcess.actions, ...newActions]
    fc.assert(
      fc.property(
        fc.constantFrom('physical' as const, 'presale' as const, 'virtual' as const),
        fc.array(
          fc.tuple(
            fc.constantFrom(...actions),
            fc.constantFrom(...fulfilmentStates),
            fc.constantFrom(...roles),
          ),
        ),
        (type, walk) => {
          const def = merged[type]
          let state: ReverseStatus = def.initial
          for (const [action, f, role] of walk) {
            const to = step(def, state, action, f)
            const allowed = def.transitions[state]?.[action]?.roles.includes(role)
            if (to && allowed) {
              expect(def.terminal).not.toContain(state)
              state = to
            }
            expect(def.states).toContain(state)
          }
        },
      ),
    )
  })
})
