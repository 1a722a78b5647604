import type { RequestedLine } from '../../../src/domain/after-sale/refund-amounts'
import { type ErrorCode, type Failure, fail } from '../../../src/errors'

/** A refusal of the after-sale domain: open, decide, plan or split over payments. */
export interface DomainRefusal {
  readonly code: string
  readonly message: string
  readonly details: Record<string, unknown>
}

/**
 * The API code of each domain refusal. Bad lines are the request's fault (400); asking for units
 * another request holds is a conflict (409), so of two concurrent requests for the last unit one
 * wins and one hears 409; what the order's state forbids is a business rule (422).
 */
const apiCodes: Readonly<Record<string, ErrorCode>> = {
  QUANTITY_EXCEEDS_REMAINING: 'CONFLICT',
  AFTER_SALE_NOT_ALLOWED: 'BUSINESS_RULE',
  AFTER_SALE_WINDOW_CLOSED: 'AFTER_SALE_WINDOW_CLOSED',
  FORBIDDEN: 'FORBIDDEN',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  RETURN_ALREADY_SHIPPED: 'CONFLICT',
  REFUND_EXCEEDS_PAYMENT: 'REFUND_EXCEEDS_PAYMENT',
}

/** Which field of a requested line each line refusal is about. */
const lineFields: Readonly<Record<string, string>> = {
  UNKNOWN_LINE: 'lineNo',
  DUPLICATE_LINE: 'lineNo',
  INVALID_QUANTITY: 'qty',
}

/** The request's index of the line a refusal names: the repeat, for a duplicate. */
function indexOf(code: string, lineNo: unknown, lines: readonly RequestedLine[]): number {
  const hits = lines.flatMap((l, i) => (l.lineNo === lineNo ? [i] : []))
  const at = code === 'DUPLICATE_LINE' ? hits.at(-1) : hits[0]
  return at ?? 0
}

/** A 400 shaped like the router's own validation failures, naming `lines` or `lines.N.field`. */
function invalidLines(r: DomainRefusal, lines: readonly RequestedLine[]): Failure {
  const field = lineFields[r.code]
  const path = field ? `lines.${indexOf(r.code, r.details.lineNo, lines)}.${field}` : 'lines'
  const issue = { field: path, code: r.code, message: r.message }
  return fail('VALIDATION_FAILED', `json ${path}: ${r.message}`, {
    target: 'json',
    issues: [issue],
    ...r.details,
  })
}

/** The API failure for a domain refusal; `lines` is the request, when there is one. */
export function afterSaleFailure(r: DomainRefusal, lines: readonly RequestedLine[] = []): Failure {
  if (r.code === 'EMPTY_REQUEST' || lineFields[r.code]) return invalidLines(r, lines)
  const code = apiCodes[r.code] ?? 'CONFLICT'
  const details = code === r.code ? r.details : { reason: r.code, ...r.details }
  return fail(code, r.message, details)
}
