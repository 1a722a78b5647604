import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { toCsv } from './table'

/** Reports answer CSV to a caller that asks for it, JSON otherwise. */
export function wantsCsv(c: Context<AppEnv>): boolean {
  return /\btext\/csv\b/i.test(c.req.header('Accept') ?? '')
}

export function csvResponse(name: string, rows: readonly object[]): Response {
  return new Response(toCsv(rows), {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    },
  })
}
