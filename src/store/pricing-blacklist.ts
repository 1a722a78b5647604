/** D1 access to the blacklist (migrations/0004): buyer ids and phone / address fingerprints. */

export type BlacklistKind = 'buyer' | 'phone' | 'address'

export interface BlacklistEntry {
  readonly kind: BlacklistKind
  /** A buyer id, or a SHA-256 hex fingerprint (src/checkout/fingerprints.ts). */
  readonly value: string
  readonly reason: string | null
  readonly createdAt: number
}

/** Adds an entry; adding one that exists keeps the first (and its reason). */
export async function addToBlacklist(db: D1Database, e: BlacklistEntry): Promise<void> {
  await db
    .prepare(
      'INSERT OR IGNORE INTO blacklist (kind, value, reason, created_at) VALUES (?, ?, ?, ?)',
    )
    .bind(e.kind, e.value, e.reason, e.createdAt)
    .run()
}

/** False when there was no such entry. */
export async function removeFromBlacklist(
  db: D1Database,
  kind: BlacklistKind,
  value: string,
): Promise<boolean> {
  const res = await db
    .prepare('DELETE FROM blacklist WHERE kind = ? AND value = ?')
    .bind(kind, value)
    .run()
  return res.meta.changes === 1
}

/** Every entry as `kind:value` keys, for the quote cache. */
export async function blacklistKeys(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT kind || ':' || value AS k FROM blacklist")
    .all<{ k: string }>()
  return results.map((r) => r.k)
}

export function blacklistKey(kind: BlacklistKind, value: string): string {
  return `${kind}:${value}`
}
