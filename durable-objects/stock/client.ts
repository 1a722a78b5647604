/**
 * The stock actor's public face: everything a caller (the Worker's routes and checkout, the order
 * actor) uses to reserve, commit, release and count stock across a SKU×warehouse's buckets. The
 * actor's own insides (its ledger, borrowing, lending, schema) are not for callers.
 */
export {
  type CommitLineResult,
  checkLine,
  commitLine,
  confirmLine,
  homeOf,
  purchaseLine,
  type ReserveLineRequest,
  type ReserveLineResult,
  releaseLine,
  reserveFromWarehouses,
  reserveLine,
  UNCONFIRMED_LEASE_MS,
  withdrawLine,
} from './allocation'
export { type Holding, type HoldingsTaken, takeHoldings, type Unavailable } from './holdings'
export {
  type LineTotals,
  type Move,
  rebalanceLine,
  restockLine,
  setOnHandLine,
  totals,
} from './inventory'
export {
  type Allocation,
  bucketStub,
  INVALID,
  isId,
  isLineKey,
  isLineOrder,
  type LineFailure,
  type LineFailureCode,
  type LineKey,
  type LineOrder,
  type StockNamespace,
  stockActorName,
} from './names'
