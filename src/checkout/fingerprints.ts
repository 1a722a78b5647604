import type { Address } from '../domain/order'
import { sha256Hex } from '../ids'

/**
 * Fingerprints let the blacklist match a phone or an address without storing either in clear,
 * and without being fooled by spacing, case, punctuation, invisible characters or the usual
 * disguises. A phone keeps its digits only, reading the letters O as 0 and I or l as 1
 * ("+86 555 O1OO" = "865550100"); an address is region, city and line 1, NFKC folded,
 * lower-cased, invisible characters dropped, punctuation collapsed to one space, and common
 * street abbreviations written out ("Rd" = "Road").
 */
const invisible = /[\p{Cf}\p{Cc}\u180E\u2800\u3164\uFEFF]/gu

const lookalikeDigits: Readonly<Record<string, string>> = { o: '0', O: '0', I: '1', l: '1' }

export function normalizePhone(phone: string): string {
  return phone
    .normalize('NFKC')
    .replace(invisible, '')
    .replace(/[oOIl]/g, (ch) => lookalikeDigits[ch] ?? ch)
    .replace(/\D/g, '')
}

/** Street words and the abbreviations people write instead. */
const streetWords: Readonly<Record<string, string>> = {
  rd: 'road',
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  blvd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  hwy: 'highway',
  sq: 'square',
  apt: 'apartment',
  bldg: 'building',
  fl: 'floor',
  rm: 'room',
  no: 'number',
}

function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(invisible, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => streetWords[word] ?? word)
    .join(' ')
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
