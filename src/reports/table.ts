/**
 * Reports as CSV: every row flattened to scalar columns. Money objects become their amount with
 * one `currency` column; nested objects become `parent_child` columns.
 */

type Scalar = string | number | boolean | null
export type FlatRow = Record<string, Scalar>

function isMoney(v: unknown): v is { amount: number; currency: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof Reflect.get(v, 'amount') === 'number' &&
    typeof Reflect.get(v, 'currency') === 'string' &&
    Object.keys(v).length === 2
  )
}

function flattenInto(out: FlatRow, prefix: string, value: unknown): void {
  if (value === null || value === undefined) out[prefix] = null
  else if (isMoney(value)) {
    out[prefix] = value.amount
    out.currency ??= value.currency
  } else if (Array.isArray(value)) out[prefix] = JSON.stringify(value)
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenInto(out, `${prefix}_${k}`, v)
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    out[prefix] = value
  else out[prefix] = String(value)
}

export function flatten(row: object): FlatRow {
  const out: FlatRow = {}
  for (const [k, v] of Object.entries(row)) flattenInto(out, k, v)
  return out
}

// A cell a spreadsheet would run as a formula is prefixed with a quote: reasons and titles are
// typed by buyers and merchants.
function cell(v: Scalar): string {
  if (v === null) return ''
  let text = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** RFC 4180 text with a header of every column any row has, in first-seen order. */
export function toCsv(rows: readonly object[]): string {
  const flat = rows.map(flatten)
  const columns: string[] = []
  for (const r of flat) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k)
  const lines = [columns.map(cell).join(',')]
  for (const r of flat) lines.push(columns.map((c) => cell(r[c] ?? null)).join(','))
  return `${lines.join('\r\n')}\r\n`
}
