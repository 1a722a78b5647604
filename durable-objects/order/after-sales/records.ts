import type { AfterSale } from '../../../src/domain/after-sale/record'
import { type ActorSchema, ensureSchema, schemaExists } from '../../shared/migrator'

/**
 * One provider payment's part of an after-sale's refund. The part is fixed when the refund
 * commits (so later after-sales see what each payment has left) and marked paid out when the
 * provider confirmed it; the after-sale succeeds once every part is.
 */
export interface Payout {
  readonly paymentId: string
  readonly amount: number
  readonly done: boolean
}

/** An after-sale as the order actor keeps it: the domain record and what only the actor tracks. */
export interface StoredAfterSale {
  readonly record: AfterSale
  readonly payouts: readonly Payout[]
  /** The merchant's reason, when it said no. */
  readonly rejectReason: string | null
}

interface Row extends Record<string, SqlStorageValue> {
  doc: string
}

const parse = (r: Row) => JSON.parse(r.doc) as StoredAfterSale

/** Created by an order's first after-sale: most orders never have one. */
const afterSalesSchema: ActorSchema = {
  probe: 'after_sales',
  create: [
    `CREATE TABLE IF NOT EXISTS after_sales (
      id TEXT PRIMARY KEY,
      doc TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL
    )`,
  ],
}

/** Row access to the after_sales table; callers hold the transaction. */
export function createAfterSaleRecords(sql: SqlStorage) {
  let ready = false
  const exists = () => {
    if (!ready) ready = schemaExists(sql, afterSalesSchema)
    return ready
  }

  /** In the order they were opened: rowid, because two may open in the same millisecond. */
  function all(): StoredAfterSale[] {
    if (!exists()) return []
    return sql.exec<Row>('SELECT doc FROM after_sales ORDER BY rowid').toArray().map(parse)
  }

  function get(id: string): StoredAfterSale | null {
    if (!exists()) return null
    const row = sql.exec<Row>('SELECT doc FROM after_sales WHERE id = ?', id).toArray()[0]
    return row ? parse(row) : null
  }

  function insert(stored: StoredAfterSale): void {
    if (!exists()) {
      // Not cached as existing yet: the transaction creating it may still roll back.
      ensureSchema(sql, afterSalesSchema)
    }
    sql.exec(
      'INSERT INTO after_sales (id, doc, status, created_at) VALUES (?, ?, ?, ?)',
      stored.record.id,
      JSON.stringify(stored),
      stored.record.status,
      stored.record.createdAt,
    )
  }

  function save(stored: StoredAfterSale): void {
    sql.exec(
      'UPDATE after_sales SET doc = ?, status = ? WHERE id = ?',
      JSON.stringify(stored),
      stored.record.status,
      stored.record.id,
    )
  }

  /** 1 for the order's first after-sale, 2 for the next: a stable number to derive ids from. */
  function ordinal(id: string): number {
    return all().findIndex((s) => s.record.id === id) + 1
  }

  return { all, get, insert, save, ordinal }
}

export type AfterSaleRecords = ReturnType<typeof createAfterSaleRecords>
