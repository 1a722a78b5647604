/**
 * The order actor's public face: the shapes its RPC methods take and return, and the placement
 * planning the Worker runs before it wakes an order (which children a split submission makes).
 * Callers reach the actor itself through the ORDER_ACTOR binding.
 */
export type { AfterSaleRequest, AfterSaleView } from './after-sales/service'
export type { HeldDecision } from './held-payments'
export type { PaymentOutcome } from './payment-records'
export type { PlacementPlan, PlacementStep } from './placement/saga'
export { type ChildPlan, childRef, planChildren, type SplitPlan } from './placement/split'
export type { ChildInput, ChildNews } from './split'
export type { ActionInput, PlaceOrderInput, WireEvent } from './types'
