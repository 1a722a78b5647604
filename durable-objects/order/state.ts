import type { Order } from '../../src/domain/order'
import { type ActorSchema, ensureSchema, schemaExists } from '../shared/migrator'
import type { EffectTask } from './effects'
import type { PlacementPlan } from './placement/saga'

/** A side effect waiting to run: tried `attempts` times, next due at `next`. */
export interface StoredEffect {
  readonly id: number
  readonly payload: EffectTask
  readonly attempts: number
  readonly next: number
}

/**
 * Everything the actor keeps besides its event log, in one row that every transition rewrites
 * anyway: timers, side effects still to run, a placement in flight, provider events already
 * applied, and how far the history has reached D1. A change to any of them costs no extra row.
 */
export interface ActorMeta {
  readonly timers: { readonly [kind: string]: { readonly dueAt: number; readonly action: string } }
  readonly effects: readonly StoredEffect[]
  readonly nextEffectId: number
  readonly placement: PlacementPlan | null
  readonly payments: {
    readonly [eventId: string]: {
      readonly type: string
      readonly outcome: string
      readonly at: number
    }
  }
  /** Events up to this seq are known to be in D1. */
  readonly flushed: number
  /** A delivery of history that failed: how often, and when the alarm tries again. */
  /** The orderRowKey D1's orders row is known to hold (absent in rows of older builds). */
  readonly d1Row?: string | null
  readonly historyAttempts: number
  readonly historyRetryAt: number | null
}

export interface StateRow {
  readonly doc: Order | null
  readonly requestHash: string
  readonly meta: ActorMeta
}

/** Bumped when the row's shape changes; the row carries it, so no migration table is needed. */
export const stateLayout = 1

/**
 * The actor's whole schema: two tables, created by its first write. An INTEGER PRIMARY KEY is the
 * rowid, so neither table keeps a second index.
 */
export const orderSchema: ActorSchema = {
  probe: 'order_state',
  create: [
    `CREATE TABLE IF NOT EXISTS order_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    layout INTEGER NOT NULL,
    request_hash TEXT NOT NULL,
    doc TEXT,
    meta TEXT NOT NULL
  )`,
    `CREATE TABLE IF NOT EXISTS order_log (
    seq INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    at INTEGER NOT NULL,
    extra TEXT
  )`,
  ],
}

const emptyMeta: ActorMeta = {
  timers: {},
  effects: [],
  nextEffectId: 1,
  placement: null,
  payments: {},
  flushed: 0,
  historyAttempts: 0,
  historyRetryAt: null,
}

/**
 * The state row, read fresh on every access, and written once per transaction: inside `stage`
 * changes collect in memory and go out as one UPDATE when the staged work returns.
 */
export function createStateRow(sql: SqlStorage, decorate: (row: StateRow) => StateRow = (r) => r) {
  let ready = false
  let staged: StateRow | null = null
  let staging = false
  let dirty = false

  /** Whether the schema exists; a missing schema is looked up again, as another writer may add it. */
  function exists(): boolean {
    if (!ready) ready = schemaExists(sql, orderSchema)
    return ready
  }

  function ensure(): void {
    if (exists()) return
    // Not cached as existing yet: the transaction creating it may still roll back.
    ensureSchema(sql, orderSchema)
  }

  function read(): StateRow | null {
    if (!exists()) return null
    const row = sql
      .exec<{ doc: string | null; request_hash: string; meta: string }>(
        'SELECT doc, request_hash, meta FROM order_state',
      )
      .toArray()[0]
    if (!row) return null
    const doc = row.doc === null ? null : (JSON.parse(row.doc) as Order)
    return { doc, requestHash: row.request_hash, meta: JSON.parse(row.meta) as ActorMeta }
  }

  function write(fresh: StateRow): void {
    ensure()
    const row = decorate(fresh)
    sql.exec(
      'INSERT INTO order_state (id, layout, request_hash, doc, meta) VALUES (1, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET layout = excluded.layout, ' +
        'request_hash = excluded.request_hash, doc = excluded.doc, meta = excluded.meta',
      stateLayout,
      row.requestHash,
      row.doc === null ? null : JSON.stringify(row.doc),
      JSON.stringify(row.meta),
    )
  }

  function current(): StateRow | null {
    if (!staging) return read()
    staged ??= read()
    return staged
  }

  function meta(): ActorMeta {
    return current()?.meta ?? emptyMeta
  }

  function change(fn: (row: StateRow) => StateRow): void {
    const next = fn(current() ?? { doc: null, requestHash: '', meta: emptyMeta })
    if (!staging) {
      write(next)
      return
    }
    staged = next
    dirty = true
  }

  function changeMeta(fn: (meta: ActorMeta) => Partial<ActorMeta>): void {
    change((row) => ({ ...row, meta: { ...row.meta, ...fn(row.meta) } }))
  }

  /** Runs `fn` (inside the caller's transaction) and writes what it changed as one row. */
  function stage<T>(fn: () => T): T {
    if (staging) return fn()
    staging = true
    try {
      const result = fn()
      if (dirty && staged) write(staged)
      return result
    } finally {
      staging = false
      staged = null
      dirty = false
    }
  }

  return { exists, ensure, current, meta, change, changeMeta, stage }
}

export type StateRowAccess = ReturnType<typeof createStateRow>
