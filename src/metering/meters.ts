/**
 * Bench-only counters of what Cloudflare bills: Worker and Durable Object requests, rows written
 * by actors and by D1, queue messages. Module state of the isolate: locally the Worker and its
 * actors share one isolate, so one route reads everything. Nothing here runs unless METERS=on.
 */
export interface MeterSnapshot {
  workerRequests: number
  queueInvocations: number
  /** Durable Object requests by class, then method (`alarm` for alarm invocations). */
  doCalls: Record<string, Record<string, number>>
  /** SQLite rows written by class; each setAlarm or deleteAlarm counts as one. */
  doRowsWritten: Record<string, number>
  doRowsRead: Record<string, number>
  /** Rows written by statement, class and the statement's first words: where the rows go. */
  doWritesByStatement: Record<string, number>
  d1Queries: number
  d1RowsWritten: number
  d1RowsRead: number
  /** Rows the sandbox provider and WMS write in D1: they do not exist in production. */
  d1SandboxRowsWritten: number
  d1WritesByTable: Record<string, number>
  /** D1 rows written by statement (its first words), for finding where rows go. */
  d1WritesByStatement: Record<string, number>
  queueMessages: number
  /** JSON log lines the default level (info) writes, whatever LOG_LEVEL says: Workers Logs events. */
  logLines: number
}

let meters: MeterSnapshot = empty()
/** Cursors are counted when read: a cursor's rowsWritten grows as it is consumed. */
let cursors: {
  cls: string
  query: string
  cursor: SqlStorageCursor<Record<string, SqlStorageValue>>
}[] = []

function empty(): MeterSnapshot {
  return {
    workerRequests: 0,
    queueInvocations: 0,
    doCalls: {},
    doRowsWritten: {},
    doRowsRead: {},
    doWritesByStatement: {},
    d1Queries: 0,
    d1RowsWritten: 0,
    d1RowsRead: 0,
    d1SandboxRowsWritten: 0,
    d1WritesByTable: {},
    d1WritesByStatement: {},
    queueMessages: 0,
    logLines: 0,
  }
}

export function metersOn(env: object): boolean {
  return (env as { METERS?: string }).METERS === 'on'
}

const bump = (rec: Record<string, number>, key: string, n = 1) => {
  rec[key] = (rec[key] ?? 0) + n
}

export const meter = {
  workerRequest: () => {
    meters.workerRequests += 1
  },
  queueInvocation: () => {
    meters.queueInvocations += 1
  },
  doCall: (cls: string, method: string) => {
    meters.doCalls[cls] ??= {}
    bump(meters.doCalls[cls], method)
  },
  cursor: (
    cls: string,
    query: string,
    cursor: SqlStorageCursor<Record<string, SqlStorageValue>>,
  ) => {
    cursors.push({ cls, query, cursor })
  },
  alarmWrite: (cls: string, what: string) => {
    bump(meters.doRowsWritten, cls)
    bump(meters.doWritesByStatement, `${cls} ${what}`)
  },
  d1: (sql: string, written: number, read: number) => {
    meters.d1Queries += 1
    meters.d1RowsRead += read
    if (written === 0) return
    const table = /(?:INTO|UPDATE|FROM)\s+(\w+)/i.exec(sql)?.[1] ?? '?'
    bump(meters.d1WritesByTable, table, written)
    bump(meters.d1WritesByStatement, sql.replace(/\s+/g, ' ').trim().slice(0, 60), written)
    if (table.startsWith('sandbox_')) meters.d1SandboxRowsWritten += written
    else meters.d1RowsWritten += written
  },
  queueMessages: (n: number) => {
    meters.queueMessages += n
  },
  logLine: () => {
    meters.logLines += 1
  },
}

export function snapshot(): MeterSnapshot {
  const out: MeterSnapshot = structuredClone(meters)
  for (const { cls, query, cursor } of cursors) {
    bump(out.doRowsWritten, cls, cursor.rowsWritten)
    if (cursor.rowsWritten > 0) {
      const words = query.replace(/\s+/g, ' ').trim().slice(0, 48)
      bump(out.doWritesByStatement, `${cls} ${words}`, cursor.rowsWritten)
    }
    bump(out.doRowsRead, cls, cursor.rowsRead)
  }
  return out
}

/** Folds counted cursors into the totals, so they can be let go. */
function settle(): void {
  const now = snapshot()
  cursors = []
  meters = now
}

export function resetMeters(): void {
  settle()
  meters = empty()
}

export function compactMeters(): void {
  if (cursors.length > 10_000) settle()
}
