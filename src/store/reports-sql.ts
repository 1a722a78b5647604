/**
 * Small helpers the report queries share. Every report query is built as text plus numbered
 * arguments, so tests can run `EXPLAIN QUERY PLAN` on exactly what the report sends.
 */

export type SqlArg = string | number | null

export interface SqlQuery {
  readonly sql: string
  readonly args: readonly SqlArg[]
}

/** Numbered parameters (`?1`, `?2`, ...) in the order they are added. */
export class SqlParams {
  readonly args: SqlArg[] = []

  add(value: SqlArg): string {
    this.args.push(value)
    return `?${this.args.length}`
  }
}

/** The filters every report takes: a half-open time range, and optionally a store and currency. */
export interface ReportFilter {
  /** Epoch milliseconds, inclusive. */
  readonly from: number
  /** Epoch milliseconds, exclusive. */
  readonly to: number
  readonly storeId?: string
  readonly currency?: string
}

/** `column >= from AND column < to`, plus the store and currency conditions that apply. */
export function filterTerms(
  p: SqlParams,
  f: ReportFilter,
  columns: { time: string; store: string | null; currency: string },
): string[] {
  const terms = [`${columns.time} >= ${p.add(f.from)}`, `${columns.time} < ${p.add(f.to)}`]
  if (f.storeId !== undefined && columns.store) terms.push(`${columns.store} = ${p.add(f.storeId)}`)
  if (f.currency !== undefined) terms.push(`${columns.currency} = ${p.add(f.currency)}`)
  return terms
}

export async function allRows<T>(db: D1Database, q: SqlQuery): Promise<T[]> {
  const { results } = await db
    .prepare(q.sql)
    .bind(...q.args)
    .all<T>()
  return results
}

/** Splits ids into groups that fit D1's limit of bound parameters per statement. */
export function chunks<T>(items: readonly T[], size = 90): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
