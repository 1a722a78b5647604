/**
 * The one way an actor lays out its SQLite storage. Two strategies, both applied from the actor's
 * own code and never by a deploy step:
 *
 * - `ensureSchema`: the tables are created by the actor's first write, so a read of an actor that
 *   was never written (a probe, a refused placement) costs no rows. The order and wallet actors.
 * - `migrateNumbered`: numbered steps, the ones not applied yet run when the actor starts, so a
 *   deploy that adds a step upgrades every actor lazily. The stock buckets, whose schema grew.
 */

export function tableExists(sql: SqlStorage, name: string): boolean {
  return (
    sql.exec<{ n: number }>('SELECT count(*) AS n FROM sqlite_master WHERE name = ?', name).one()
      .n > 0
  )
}

/** A layout created whole by the first write; `probe` is a table whose presence says it exists. */
export interface ActorSchema {
  readonly probe: string
  /** Every statement is `IF NOT EXISTS` / `OR IGNORE`, so running them twice changes nothing. */
  readonly create: readonly string[]
}

export function schemaExists(sql: SqlStorage, schema: ActorSchema): boolean {
  return tableExists(sql, schema.probe)
}

/** Creates the schema if this is the first write; the caller holds the transaction. */
export function ensureSchema(sql: SqlStorage, schema: ActorSchema): void {
  if (schemaExists(sql, schema)) return
  for (const statement of schema.create) sql.exec(statement)
}

/** Applies the steps not applied yet, each recorded in schema_migrations; call inside one transaction. */
export function migrateNumbered(sql: SqlStorage, steps: readonly (readonly string[])[]): void {
  sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)')
  const row = sql
    .exec<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')
    .one()
  for (let version = (row.v ?? 0) + 1; version <= steps.length; version++) {
    for (const statement of steps[version - 1] ?? []) sql.exec(statement)
    sql.exec('INSERT INTO schema_migrations (version) VALUES (?)', version)
  }
}
