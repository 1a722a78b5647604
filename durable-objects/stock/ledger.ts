import { NO_STOCK, type StockCounts, unholdUnits } from '../../src/domain/stock/counts'
import type { BucketSlice, Reservation } from '../../src/domain/stock/reservation'
import type { ReservationState } from '../../src/domain/stock/results'

/** Per-order rows of stock held, and per-order rows of purchase quota held. */
export type LedgerTable = 'reservations' | 'quota_claims'

type CountsRow = { received: number; available: number; reserved: number; sold: number }

type ReservationRow = {
  order_id: string
  user_id: string
  qty: number
  lease_until: number | null
  state: string
}

function toReservation(row: ReservationRow): Reservation {
  return {
    orderId: row.order_id,
    userId: row.user_id,
    qty: row.qty,
    leaseUntil: row.lease_until,
    state: row.state as ReservationState,
  }
}

/**
 * SQL access to one StockActor's storage. Synchronous only, so callers can compose it inside
 * transactionSync; it counts the rows it writes so tests can prove a path wrote nothing.
 */
export class StockLedger {
  rowsWritten = 0

  constructor(private readonly sql: SqlStorage) {}

  private write(query: string, ...bindings: (string | number | null)[]): void {
    const cursor = this.sql.exec(query, ...bindings)
    cursor.toArray()
    this.rowsWritten += cursor.rowsWritten
  }

  counts(): StockCounts {
    const rows = this.sql
      .exec<CountsRow>('SELECT received, available, reserved, sold FROM counts WHERE id = 1')
      .toArray()
    return rows[0] ?? NO_STOCK
  }

  saveCounts(c: StockCounts): void {
    this.write(
      `INSERT INTO counts (id, received, available, reserved, sold) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET received = excluded.received,
         available = excluded.available, reserved = excluded.reserved, sold = excluded.sold`,
      c.received,
      c.available,
      c.reserved,
      c.sold,
    )
  }

  row(table: LedgerTable, orderId: string): Reservation | undefined {
    const rows = this.sql
      .exec<ReservationRow>(`SELECT * FROM ${table} WHERE order_id = ?`, orderId)
      .toArray()
    return rows[0] && toReservation(rows[0])
  }

  saveRow(table: LedgerTable, r: Reservation): void {
    this.write(
      // An upsert, not INSERT OR REPLACE: a replace is a delete and an insert, two rows written.
      `INSERT INTO ${table} (order_id, user_id, qty, lease_until, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET user_id = excluded.user_id, qty = excluded.qty,
         lease_until = excluded.lease_until, state = excluded.state`,
      r.orderId,
      r.userId,
      r.qty,
      r.leaseUntil,
      r.state,
    )
  }

  slice(orderId: string): BucketSlice {
    return { counts: this.counts(), reservation: this.row('reservations', orderId) }
  }

  /** Writes exactly what a step decided, nothing when it decided nothing. */
  apply(step: { counts?: StockCounts; reservation?: Reservation }): void {
    if (step.counts) this.saveCounts(step.counts)
    if (step.reservation) this.saveRow('reservations', step.reservation)
  }

  due(table: LedgerTable, now: number): Reservation[] {
    return this.sql
      .exec<ReservationRow>(
        `SELECT * FROM ${table} WHERE state = 'reserved' AND lease_until <= ?`,
        now,
      )
      .toArray()
      .map(toReservation)
  }

  earliestLease(): number | null {
    const row = this.sql
      .exec<{ at: number | null }>(
        `SELECT MIN(at) AS at FROM (
           SELECT MIN(lease_until) AS at FROM reservations WHERE state = 'reserved'
           UNION ALL
           SELECT MIN(lease_until) FROM quota_claims WHERE state = 'reserved')`,
      )
      .one()
    return row.at
  }

  activeReservations(): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM reservations WHERE state = 'reserved'")
      .one().n
  }

  /** Everything a home-bucket reservation decides on, read in the caller's transaction. */
  homeSlice(orderId: string, userId: string) {
    return {
      ...this.slice(orderId),
      quotaUsed: this.quotaUsed(userId, orderId),
      claim: this.row('quota_claims', orderId),
    }
  }

  /** Units lent under `opId` (negative delta), or undefined when no such lend was made. */
  lent(opId: string): number | undefined {
    const row = this.sql
      .exec<{ delta: number }>("SELECT delta FROM ops WHERE op_id = ? AND kind = 'lend'", opId)
      .toArray()[0]
    return row === undefined ? undefined : -row.delta
  }

  saveLend(opId: string, qty: number, deliverTo: string): void {
    this.write(
      "INSERT INTO ops (op_id, kind, delta, deliver_to) VALUES (?, 'lend', ?, ?)",
      opId,
      -qty,
      deliverTo,
    )
  }

  delivered(opId: string): void {
    this.write('UPDATE ops SET deliver_to = NULL WHERE op_id = ?', opId)
  }

  /** Units lent to siblings whose arrival was never confirmed: free there, or about to be. */
  unitsInTransit(): number {
    return this.sql
      .exec<{ n: number }>(
        'SELECT COALESCE(SUM(-delta), 0) AS n FROM ops WHERE deliver_to IS NOT NULL',
      )
      .one().n
  }

  /** Lends whose arrival at the sibling was never confirmed. */
  undelivered(): { opId: string; qty: number; deliverTo: string }[] {
    return this.sql
      .exec<{ opId: string; qty: number; deliverTo: string }>(
        'SELECT op_id AS opId, -delta AS qty, deliver_to AS deliverTo FROM ops WHERE deliver_to IS NOT NULL',
      )
      .toArray()
  }

  /**
   * Gives a live reservation's units back and removes its reservation and quota rows, as if the
   * order had never reserved here. The units given back (0 when nothing was held).
   */
  withdraw(orderId: string): number {
    const r = this.row('reservations', orderId)
    if (r?.state !== 'reserved') return 0
    this.saveCounts(unholdUnits(this.counts(), r.qty))
    this.write('DELETE FROM reservations WHERE order_id = ?', orderId)
    this.write('DELETE FROM quota_claims WHERE order_id = ?', orderId)
    return r.qty
  }

  /**
   * Moves an order's quota claim on (kept at payment, returned on release). Quota rows exist only
   * for limited SKUs, so an order without one writes nothing here.
   */
  settleClaim(orderId: string, step: (claim: Reservation) => { claim?: Reservation }): void {
    const claim = this.row('quota_claims', orderId)
    const next = claim ? step(claim).claim : undefined
    if (next) this.saveRow('quota_claims', next)
  }

  /** Holds a live reservation (and its quota) until `leaseUntil`; false when none is held. */
  extend(orderId: string, leaseUntil: number): boolean {
    const r = this.row('reservations', orderId)
    if (r?.state !== 'reserved') return false
    this.saveRow('reservations', { ...r, leaseUntil })
    const claim = this.row('quota_claims', orderId)
    if (claim?.state === 'reserved') this.saveRow('quota_claims', { ...claim, leaseUntil })
    return true
  }

  opDelta(opId: string): number | undefined {
    return this.sql
      .exec<{ delta: number }>('SELECT delta FROM ops WHERE op_id = ?', opId)
      .toArray()[0]?.delta
  }

  hasOp(opId: string): boolean {
    return this.sql.exec('SELECT 1 FROM ops WHERE op_id = ?', opId).toArray().length > 0
  }

  saveOp(opId: string, kind: string, delta: number): void {
    this.write('INSERT INTO ops (op_id, kind, delta) VALUES (?, ?, ?)', opId, kind, delta)
  }

  opsWithPrefix(kind: string, prefix: string): { opId: string; delta: number }[] {
    return this.sql
      .exec<{ opId: string; delta: number }>(
        // substr, not LIKE: ids may contain LIKE wildcards.
        'SELECT op_id AS opId, delta FROM ops WHERE kind = ? AND substr(op_id, 1, length(?)) = ?',
        kind,
        prefix,
        prefix,
      )
      .toArray()
  }

  /** Quota a buyer holds through orders other than `orderId`. */
  quotaUsed(userId: string, orderId: string): number {
    return this.sql
      .exec<{ used: number }>(
        `SELECT COALESCE(SUM(qty), 0) AS used FROM quota_claims
         WHERE user_id = ? AND order_id != ? AND state IN ('reserved', 'committed')`,
        userId,
        orderId,
      )
      .one().used
  }
}
