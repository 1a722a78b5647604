import type { Outcome } from './domain/result'

/** Every failure the API can answer with, and the HTTP status it maps to. */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  WEBHOOK_REJECTED: 401,
  FORBIDDEN: 403,
  BUYER_BLOCKED: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PRICE_CHANGED: 409,
  SOLD_OUT: 409,
  INSUFFICIENT_STOCK: 409,
  INTERCEPT_FAILED: 409,
  OUT_OF_STOCK_AT_PAYMENT: 409,
  ADDRESS_CHANGE_NEEDS_REQUOTE: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BUSINESS_RULE: 422,
  SKU_NOT_ON_SALE: 422,
  SKU_NOT_FOUND: 422,
  MIXED_ORDER_TYPES: 422,
  MIXED_CURRENCIES: 422,
  BALANCE_WINDOW_NOT_OPEN: 422,
  AFTER_SALE_WINDOW_CLOSED: 422,
  PURCHASE_LIMIT_EXCEEDED: 422,
  TOO_MANY_PACKAGES: 422,
  ADDRESS_OUT_OF_REGION: 422,
  COUPON_NOT_USABLE: 422,
  POINTS_INSUFFICIENT: 422,
  REFUND_EXCEEDS_PAYMENT: 422,
  PAYMENT_REFUSED: 409,
  HELD_PAYMENT_SETTLED: 409,
  HELD_PAYMENT_SHORT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  PAYMENT_PROVIDER_NOT_CONFIGURED: 503,
  SERVER_MISCONFIGURED: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code)
}

/** The one error type of the API; `app.onError` turns it into the JSON envelope. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code]
  }
}

/** What actors return for business failures: error classes do not survive RPC. */
export interface Failure {
  readonly ok: false
  readonly code: ErrorCode
  readonly message: string
  readonly details?: Record<string, unknown>
}

export type Result<T extends object> = Outcome<T, Failure>

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): Failure {
  return details === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, details }
}

/** Unwraps an actor result in a route, turning a failure into the API error. */
export function unwrap<T extends object>(result: Result<T>): { readonly ok: true } & T {
  if (result.ok) return result
  throw new AppError(result.code, result.message, result.details)
}

/** The failure of a result, if it is one; RPC's wrapped result types defeat `ok` narrowing. */
export function failureOf(result: { readonly ok: boolean }): Failure | null {
  return result.ok ? null : (result as Failure)
}
