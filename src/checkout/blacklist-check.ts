import type { Address } from '../domain/order'
import { blacklistKey } from '../store/pricing-blacklist'
import { cachedBlacklist } from '../store/pricing-cache'
import { addressFingerprint, phoneFingerprint } from './fingerprints'

/** True when the buyer, the phone or the shipping address is on the blacklist. */
export async function isBlocked(
  db: D1Database,
  buyerId: string,
  address: Pick<Address, 'phone' | 'region' | 'city' | 'line1'>,
  now: number,
): Promise<boolean> {
  const list = await cachedBlacklist(db, now)
  if (list.size === 0) return false
  if (list.has(blacklistKey('buyer', buyerId))) return true
  const [phone, place] = await Promise.all([
    phoneFingerprint(address.phone),
    addressFingerprint(address),
  ])
  return list.has(blacklistKey('phone', phone)) || list.has(blacklistKey('address', place))
}
