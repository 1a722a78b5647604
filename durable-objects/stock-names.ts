import { fnv1a32 } from '../src/domain/stock/buckets'
import { isQuantity } from '../src/domain/stock/counts'
import type { StockActor } from './stock-actor'

/** Addressing of stock actors, and the request shapes shared by allocation and admin calls. */
export type StockNamespace = DurableObjectNamespace<StockActor>

/** Fixed, unlike bucket counts, so a catalog change never moves a buyer's claims elsewhere. */
export const LIMIT_SHARDS = 32

export interface LineKey {
  skuId: string
  warehouseId: string
  /** Number of buckets of this SKU in this warehouse (catalog), at least 1. */
  buckets: number
}

export interface LineOrder extends LineKey {
  orderId: string
  userId: string
  /** Units one buyer may hold or buy of this SKU over all warehouses; absent means no limit. */
  perBuyerLimit?: number
}

export interface Allocation {
  bucket: number
  qty: number
}

export type LineFailureCode =
  | 'SOLD_OUT'
  | 'INSUFFICIENT_STOCK'
  | 'PURCHASE_LIMIT_EXCEEDED'
  | 'RESERVATION_RELEASED'
  | 'LEASE_EXPIRED'
  | 'NOT_RESERVED'
  | 'BELOW_RESERVED'
  | 'INVALID_REQUEST'

export type LineFailure = { ok: false; code: LineFailureCode; available?: number }

export const INVALID: LineFailure = { ok: false, code: 'INVALID_REQUEST' }

export function stockActorName(skuId: string, warehouseId: string, bucket: number): string {
  return `${skuId}:${warehouseId}:${bucket}`
}

export function limitActorName(skuId: string, userId: string): string {
  return `${skuId}:limit:${fnv1a32(userId) % LIMIT_SHARDS}`
}

export function bucketStub(ns: StockNamespace, key: LineKey, bucket: number) {
  return ns.get(ns.idFromName(stockActorName(key.skuId, key.warehouseId, bucket)))
}

export function limitStub(ns: StockNamespace, line: LineOrder) {
  return ns.get(ns.idFromName(limitActorName(line.skuId, line.userId)))
}

// ':' would let two different keys name the same actor, and 'limit' is the limit actors' slot.
export function isId(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= 128 && !s.includes(':')
}

export function isLineKey(key: LineKey): boolean {
  const buckets = Number.isSafeInteger(key.buckets) && key.buckets >= 1 && key.buckets <= 1024
  return buckets && isId(key.skuId) && isId(key.warehouseId) && key.warehouseId !== 'limit'
}

export function isLineOrder(line: LineOrder): boolean {
  const limit = line.perBuyerLimit === undefined || isQuantity(line.perBuyerLimit)
  return limit && isLineKey(line) && isId(line.orderId) && typeof line.userId === 'string'
}
