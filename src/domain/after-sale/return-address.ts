import type { Address } from '../order'
import type { Role } from '../process/types'

/** Where the buyer sends goods back: the merchant's returns desk or warehouse. */
export type ReturnAddress = Address

/** After-sale types whose goods travel back to the merchant, so the buyer needs an address. */
const goodsComeBack: ReadonlySet<string> = new Set(['return_refund', 'exchange', 'repair'])

export const needsReturnAddress = (type: string): boolean => goodsComeBack.has(type)

const approvals: ReadonlySet<string> = new Set(['approve', 'auto_approve'])

/**
 * The address an approval records: the reviewer's own, else the store's on file when the
 * after-sale opened. Undefined when the action is no approval of goods coming back, or neither
 * address exists.
 */
export function approvalAddress(
  type: string,
  action: string,
  given: ReturnAddress | undefined,
  onFile: ReturnAddress | null | undefined,
): ReturnAddress | undefined {
  if (!approvals.has(action) || !goodsComeBack.has(type)) return given
  return given ?? onFile ?? undefined
}

export interface ReturnAddressRefusal {
  readonly ok: false
  readonly code: 'RETURN_ADDRESS_REQUIRED'
  readonly message: string
  readonly details: Record<string, unknown>
}

/**
 * A reviewer who approves a return, an exchange or a repair says where the goods go (or the
 * store has a return address on file): without one the buyer cannot ship. The review timer's
 * approval (role system) has nobody to give one: with no address on file either, such an
 * after-sale shows none, and customer service arranges the return.
 */
export function returnAddressRefusal(
  type: string,
  action: string,
  role: Role,
  address: ReturnAddress | null | undefined,
): ReturnAddressRefusal | null {
  if (action !== 'approve' || role === 'system' || !goodsComeBack.has(type) || address) return null
  return {
    ok: false,
    code: 'RETURN_ADDRESS_REQUIRED',
    message: `approving a ${type} needs returnAddress: where the buyer sends the goods`,
    details: { field: 'returnAddress', type },
  }
}
