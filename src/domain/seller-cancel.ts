/**
 * Why a merchant or customer service cancels an order before it ships: a fixed list, so reports
 * can count them. Each reason is recorded on the order as its cancel reason.
 */
export const sellerCancelReasons = ['out_of_stock', 'buyer_request', 'risk'] as const
export type SellerCancelReason = (typeof sellerCancelReasons)[number]

/** The order's cancel reason (and the refund's) for each: the buyer's own cancel has its own. */
export const sellerCancelCodes: Readonly<Record<SellerCancelReason, string>> = {
  out_of_stock: 'SELLER_OUT_OF_STOCK',
  buyer_request: 'SELLER_BUYER_REQUEST',
  risk: 'SELLER_RISK',
}
