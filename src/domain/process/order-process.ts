import type { Decision } from './decide'
import type { GuardSubject, OrderGuardCode } from './order-guards'
import type { GuardName, OrderAction, OrderStatus, OrderTimerRule } from './order-types'
import type { ProcessDefinition } from './types'

/** What an order process speaks, for the generic engine. */
export interface OrderVocabulary {
  readonly state: OrderStatus
  readonly action: OrderAction
  readonly guard: GuardName
  readonly timer: OrderTimerRule
  readonly subject: GuardSubject
  readonly failure: OrderGuardCode
}

export type OrderProcess = ProcessDefinition<OrderVocabulary>
export type OrderDecision = Decision<OrderVocabulary>
