import type { GiftOutcome } from './gift-outcome'
import type { OrderAttributes } from './order-attributes'
import type { Fulfilment } from './order-fulfilment'
import type { PartialCancel } from './partial-cancel/record'
import type { GiftShare } from './pricing/gifts'
import type { AfterSaleType } from './process/after-sale-types'
import type { OrderStatus, OrderType } from './process/order-types'
import type { Role } from './process/types'

export interface Address {
  readonly name: string
  readonly phone: string
  /** Region code a warehouse or freight template serves, e.g. CN-31. */
  readonly region: string
  readonly city: string
  readonly line1: string
  readonly postalCode?: string
}

/** A line as placed: the SKU's data copied at placement, money in minor units. */
export interface OrderLine {
  readonly lineNo: number
  readonly skuId: string
  readonly storeId: string
  readonly title: string
  readonly categoryId: string | null
  readonly qty: number
  readonly unitPrice: number
  /** unitPrice x qty, before any discount. */
  readonly amount: number
  /** Member price reduction, applied before the promotion layers. */
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  /** What the buyer pays for this line; what a refund of the line pays back. */
  readonly finalAmount: number
  readonly weightGrams: number
  readonly volumeCm3: number
  readonly fragile: boolean
  readonly oversized: boolean
  readonly crossBorder: boolean
  readonly shipsAt: number | null
  readonly skuVersion: number
  /** The SKU's order type; a mixed cart splits by it (absent on orders placed before it was kept). */
  readonly orderType?: OrderType
  /** A free gift line: the promotions that gave it. Every amount on it is 0. */
  readonly giftOf?: readonly string[]
  /** What earned the gift, per bought SKU (absent on gift lines placed before it was kept). */
  readonly giftEarnedBy?: readonly GiftShare[]
}

export interface OrderAmounts {
  readonly items: number
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  readonly freight: number
  readonly payable: number
  readonly paid: number
}

export interface PresaleTerms {
  readonly depositAmount: number
  readonly balanceAmount: number
  readonly balanceStartsAt: number
}

export interface Shipment {
  readonly carrier: string
  readonly trackingNumber: string
}

/** Who performed an action; a merchant also names its store. */
export interface ActorRef {
  readonly role: Role
  readonly id: string
  readonly storeId?: string | null
}

/** The order actor's snapshot: the one current truth about an order. */
export interface Order {
  readonly id: string
  readonly parentId: string | null
  readonly userId: string
  /** The store when every line is from one store; null for a multi-store submission. */
  readonly storeId: string | null
  readonly storeIds: readonly string[]
  readonly type: OrderType
  readonly status: OrderStatus
  readonly currency: string
  readonly lines: readonly OrderLine[]
  readonly amounts: OrderAmounts
  readonly address: Address
  readonly note: string | null
  /** Channel, delivery method and invoice request; absent on orders placed before they existed. */
  readonly attributes?: OrderAttributes
  /** What became of each gift the cart earned; absent when it earned none. */
  readonly gifts?: readonly GiftOutcome[]
  readonly presale: PresaleTerms | null
  /** Where each line's units are held or sold, per the SKU's deduction policy. */
  readonly stock: readonly StockLine[]
  /** Coupons and points this order redeemed from the buyer's wallet. */
  readonly wallet: WalletUse | null
  readonly shipment: Shipment | null
  /** Where a paid order stands in the warehouse (a sub-state of pending_shipment). */
  readonly fulfilment?: Fulfilment
  /** A split submission's packages, each its own child order; absent on other orders. */
  readonly children?: readonly ChildRef[]
  /** For a split parent: whether its coupons were spent or given back. */
  readonly walletState?: { readonly consumed: boolean; readonly released: boolean }
  /** Provider payments that paid this order (a presale has two: deposit and balance). */
  readonly payments?: readonly PaymentRef[]
  /** Set when money arrived that did not match: an admin must look before anything else. */
  readonly reviewReason?: string | null
  /** Money that arrived but did not match, kept until an admin refunds or accepts it. */
  readonly held?: readonly HeldPayment[]
  /** Failed or mismatched attempts per payment stage: the next session is a fresh attempt. */
  readonly paymentAttempts?: Readonly<Partial<Record<PaymentStage, number>>>
  /** Whether the after-sale window is still open: a new after-sale may be asked for. */
  readonly afterSaleOpen: boolean
  /** The types of this order's after-sales still being handled; absent when none ever opened. */
  readonly openAfterSales?: readonly AfterSaleType[]
  /** Units cancelled before shipment, each cancel with its refund; absent when none was. */
  readonly partialCancels?: readonly PartialCancel[]
  readonly cancelReason: string | null
  readonly createdAt: number
  readonly depositPaidAt: number | null
  readonly paidAt: number | null
  readonly shippedAt: number | null
  readonly receivedAt: number | null
  readonly completedAt: number | null
  readonly cancelledAt: number | null
  readonly updatedAt: number
  /** Sequence number of the last event applied. */
  readonly version: number
}

export interface OrderEvent {
  readonly seq: number
  readonly action: string
  readonly from: OrderStatus | null
  readonly to: OrderStatus
  readonly actorRole: Role
  readonly actorId: string
  readonly payload: { [k: string]: Json }
  readonly at: number
}

/** What an event payload may hold: plain JSON, so it crosses RPC and D1 unchanged. */
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json }

/** on_place: reserve at placement, commit at payment. on_pay: check at placement, take at payment. */
export type DeductionPolicy = 'on_place' | 'on_pay'

export interface StockWarehouse {
  readonly warehouseId: string
  readonly buckets: number
}

/** How a line may be stocked: its policy and the warehouses serving the ship-to region, in order. */
export interface StockLinePlan {
  /** The order that holds the reservation: a child when the submission splits. */
  readonly holderId?: string
  readonly lineNo: number
  readonly skuId: string
  readonly qty: number
  readonly policy: DeductionPolicy
  readonly perBuyerLimit: number | null
  readonly warehouses: readonly StockWarehouse[]
}

export interface BucketAllocation {
  readonly bucket: number
  readonly qty: number
}

/** A line's stock as placed: the warehouse chosen and, once reserved, the buckets holding it. */
export interface StockLine {
  readonly holderId?: string
  readonly lineNo: number
  readonly skuId: string
  readonly qty: number
  readonly policy: DeductionPolicy
  readonly perBuyerLimit: number | null
  readonly warehouseId: string
  readonly buckets: number
  readonly allocations: readonly BucketAllocation[]
}

export interface WalletUse {
  readonly couponIds: readonly string[]
  readonly points: number
}

/** What a payment session pays for: everything, a presale's deposit or balance, a split parent. */
export type PaymentStage = 'full' | 'deposit' | 'balance' | 'merged'

export type HeldStatus = 'held' | 'refunding' | 'accepted'

export interface HeldPayment {
  readonly paymentId: string
  readonly sessionId: string
  readonly amount: number
  readonly currency: string
  /** What the order owed when the money arrived. */
  readonly expected: number
  readonly heldAt: number
  readonly status: HeldStatus
}

export interface PaymentRef {
  readonly paymentId: string
  readonly sessionId: string
  readonly amount: number
  readonly at: number
}

/** A child order as its parent keeps it: what the split decided, and the child's latest news. */
export interface ChildRef {
  readonly id: string
  readonly index: number
  readonly storeId: string
  readonly warehouseId: string
  readonly payable: number
  /** Points of the submission this package spent, returned if it closes unpaid. */
  readonly points: number
  readonly reasons: readonly string[]
  readonly status: string
  readonly paid: number
  readonly pointsReturned: boolean
}
