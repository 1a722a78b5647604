import { isQuantity } from '../../src/domain/stock/counts'
import type { Env } from '../../src/env'

/** Addressing of stock actors, and the request shapes shared by allocation and admin calls. */
/** Typed by the Env binding, not by importing the actor: its callers stay clear of its insides. */
export type StockNamespace = Env['STOCK_ACTOR']

export interface LineKey {
  skuId: string
  warehouseId: string
  /** Number of buckets of this SKU in this warehouse (catalog), at least 1. */
  buckets: number
}

export interface LineOrder extends LineKey {
  orderId: string
  userId: string
  /** Units one buyer may hold or buy of this SKU in this warehouse; absent means no limit. */
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
  | 'RECEIPT_CONFLICT'
  | 'INVALID_REQUEST'

export type LineFailure = {
  ok: false
  code: LineFailureCode
  available?: number
  /** RECEIPT_CONFLICT: the quantity the receipt id was first recorded with. */
  recorded?: number
}

export const INVALID: LineFailure = { ok: false, code: 'INVALID_REQUEST' }

export function stockActorName(skuId: string, warehouseId: string, bucket: number): string {
  return `${skuId}:${warehouseId}:${bucket}`
}

export function bucketStub(ns: StockNamespace, key: LineKey, bucket: number) {
  return ns.get(ns.idFromName(stockActorName(key.skuId, key.warehouseId, bucket)))
}

// ':' would let two different keys name the same actor.
export function isId(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= 128 && !s.includes(':')
}

export function isLineKey(key: LineKey): boolean {
  const buckets = Number.isSafeInteger(key.buckets) && key.buckets >= 1 && key.buckets <= 1024
  return buckets && isId(key.skuId) && isId(key.warehouseId)
}

export function isLineOrder(line: LineOrder): boolean {
  const limit = line.perBuyerLimit === undefined || isQuantity(line.perBuyerLimit)
  return limit && isLineKey(line) && isId(line.orderId) && typeof line.userId === 'string'
}
