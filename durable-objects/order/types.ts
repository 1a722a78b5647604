import type { GiftOutcome } from '../../src/domain/gift-outcome'
import type {
  ActorRef,
  Address,
  OrderEvent,
  Shipment,
  StockLine,
  WalletUse,
} from '../../src/domain/order'
import type { OrderAttributes } from '../../src/domain/order-attributes'
import type { Draft } from '../../src/domain/order-draft'
import type { StoreFreight } from '../../src/domain/split-submission'
import type { ChildPlan } from './placement/split'

/** What the Worker hands an order actor to place: the priced order and the stock it reserved. */
export interface PlaceOrderInput {
  readonly orderId: string
  readonly requestHash: string
  readonly userId: string
  readonly parentId: string | null
  readonly draft: Draft
  readonly address: Address
  readonly note: string | null
  /** Channel, delivery and invoice request, when the buyer stated any. */
  readonly attributes?: OrderAttributes
  /** What became of each gift the cart earned (added ones are lines of the draft). */
  readonly gifts?: readonly GiftOutcome[]
  /** The stock the Worker reserved for this order (or its children) before waking it. */
  readonly stock: readonly StockLine[]
  /** The packages a split submission ships as, each a child order holding its own stock. */
  readonly children: readonly ChildPlan[] | null
  readonly wallet: WalletUse | null
  /** Freight as priced per store, shared over that store's packages if the order splits. */
  readonly freightByStore: readonly StoreFreight[]
}

export interface ActionInput {
  readonly by: ActorRef
  readonly reason?: string
  readonly shipment?: Shipment
}

/** An event as it travels over RPC: its payload as JSON text, which RPC's types can describe. */
export type WireEvent = Omit<OrderEvent, 'payload'> & { readonly payload: string }
