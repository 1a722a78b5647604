import type { Role } from './process/types'

export interface Viewer {
  readonly role: Role
  readonly id: string
  readonly storeId?: string | null
}

/**
 * Whether a caller may see an order: a buyer its own, a merchant its store's, staff all. Anyone
 * else's order is answered 404 rather than 403, so order ids cannot be probed.
 */
export function canSee(
  viewer: Viewer,
  order: { readonly userId: string; readonly storeIds: readonly string[] },
): boolean {
  if (viewer.role === 'buyer') return order.userId === viewer.id
  if (viewer.role === 'merchant') {
    return viewer.storeId != null && order.storeIds.includes(viewer.storeId)
  }
  return true
}
