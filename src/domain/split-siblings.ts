import type { ChildRef } from './order'

/** Child statuses that still wait for a first payment. */
const unpaid: ReadonlySet<string> = new Set(['pending_payment', 'pending_deposit'])
/** Child statuses that ended without going on. */
const ended: ReadonlySet<string> = new Set(['cancelled', 'closed'])

/** Why a sibling is closed, as its cancel reason. */
export const siblingCloseReason = 'SIBLING_PAID_ALONE'

/**
 * The unpaid children of a split to close now that `childId` was paid on its own: a buyer who
 * pays one package alone has chosen it, so the others stop holding stock and coupons instead of
 * waiting for their deadlines (SPLIT_CLOSE_UNPAID_SIBLINGS). Only the news of a child leaving
 * its unpaid state counts, so a repeated news closes nothing twice. A merged payment pays every
 * child before the parent hears of any, and a paid sibling refuses the cancel anyway.
 */
export function siblingsToClose(
  before: readonly ChildRef[],
  news: { readonly childId: string; readonly status: string },
  enabled: boolean,
): string[] {
  const child = before.find((c) => c.id === news.childId)
  if (!enabled || !child || !unpaid.has(child.status)) return []
  if (unpaid.has(news.status) || ended.has(news.status)) return []
  return before.filter((c) => c.id !== news.childId && unpaid.has(c.status)).map((c) => c.id)
}
