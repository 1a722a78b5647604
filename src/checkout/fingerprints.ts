import type { Address } from '../domain/order'
import { sha256Hex } from '../ids'

/**
 * Fingerprints let the blacklist match a phone or an address without storing either in clear,
 * and without being fooled by spacing, case or punctuation. A phone keeps its digits only
 * ("+86 138-0000 0000" = "8613800000000"); an address is region, city and line 1, NFKC folded,
 * lower-cased, with runs of spaces and punctuation collapsed to one space.
 */
export function normalizePhone(phone: string): string {
  return phone.normalize('NFKC').replace(/\D/g, '')
}

function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
}

export function normalizeAddress(a: Pick<Address, 'region' | 'city' | 'line1'>): string {
  return [a.region, a.city, a.line1].map(normalizeText).join('\n')
}

export function phoneFingerprint(phone: string): Promise<string> {
  return sha256Hex(normalizePhone(phone))
}

export function addressFingerprint(a: Pick<Address, 'region' | 'city' | 'line1'>): Promise<string> {
  return sha256Hex(normalizeAddress(a))
}
