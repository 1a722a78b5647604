import type { PaymentProvider } from '../adapters/payment-provider'
import type { LedgerKind, LedgerRow, LedgerStatus } from '../domain/ledger-entry'
import type {
  LedgerMovement,
  OrderPaymentFacts,
  ReconcileInput,
  StatementMovement,
} from '../domain/reconciliation'
import { ledgerInRange } from './payments-ledger'
import { allRows, chunks } from './reports-sql'

/**
 * Reads the three records for one reconciliation range. Counterparts are looked up by key and
 * over a wider window, so a movement near the edge of the range is not reported as missing just
 * because its other half was booked a moment later.
 */

/** How far outside the range counterparts are looked for (providers retry webhooks for days). */
export const counterpartGraceMs = 3 * 86_400_000

interface LedgerDbRow {
  id: string
  order_id: string
  parent_order_id: string | null
  kind: LedgerKind
  provider_ref: string
  amount: number
  currency: string
  status: LedgerStatus
  at: number
}

interface OrderDbRow {
  id: string
  status: string
  currency: string
  paid_amount: number
  paid_at: number | null
}

const pageSize = 5000

const ledgerColumns =
  'id, order_id, parent_order_id, kind, provider_ref, amount, currency, status, at'
const orderColumns = 'id, status, currency, paid_amount, paid_at'

export const paidInRangeSql = `SELECT ${orderColumns} FROM orders
WHERE paid_at >= ?1 AND paid_at < ?2`

const toOrder = (r: OrderDbRow): OrderPaymentFacts => ({
  id: r.id,
  status: r.status,
  currency: r.currency,
  paidAmount: r.paid_amount,
  paidAt: r.paid_at,
})

/** Every ledger row in a window, a page at a time. */
async function ledgerWindow(db: D1Database, from: number, to: number): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = []
  for (;;) {
    const last = rows.at(-1)
    const after = last ? { after: { at: last.at, id: last.id } } : {}
    const page = await ledgerInRange(db, { from, to, limit: pageSize, ...after })
    rows.push(...page)
    if (page.length < pageSize) return rows
  }
}

async function byKeys<T>(db: D1Database, sql: (marks: string) => string, keys: Set<string>) {
  const rows: T[] = []
  for (const group of chunks([...keys])) {
    const marks = group.map((_, i) => `?${i + 1}`).join(', ')
    rows.push(...(await allRows<T>(db, { sql: sql(marks), args: group })))
  }
  return rows
}

export const ledgerByOrderSql = (marks: string) =>
  `SELECT ${ledgerColumns} FROM payments_ledger WHERE order_id IN (${marks})`
export const ledgerByRefSql = (marks: string) =>
  `SELECT ${ledgerColumns} FROM payments_ledger WHERE provider_ref IN (${marks})`
export const ordersByIdSql = (marks: string) =>
  `SELECT ${orderColumns} FROM orders WHERE id IN (${marks})`

function fromDb(r: LedgerDbRow): LedgerRow {
  return {
    id: r.id,
    orderId: r.order_id,
    parentOrderId: r.parent_order_id,
    kind: r.kind,
    providerRef: r.provider_ref,
    sessionId: null,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    at: r.at,
    note: null,
  }
}

function toMovement(r: LedgerRow): LedgerMovement {
  const { id, orderId, parentOrderId, kind, providerRef, amount, currency, at } = r
  return { id, orderId, parentOrderId, kind, providerRef, amount, currency, at }
}

export interface GatheredInputs {
  readonly input: ReconcileInput
  readonly counts: { statementRows: number; ledgerRows: number; ordersChecked: number }
}

export async function gatherInputs(
  db: D1Database,
  provider: PaymentProvider,
  range: { from: number; to: number },
): Promise<GatheredInputs> {
  const wide = { from: range.from - counterpartGraceMs, to: range.to + counterpartGraceMs }
  const inRange = (at: number) => at >= range.from && at < range.to
  const [statement, window, paid] = await Promise.all([
    provider.statement(wide),
    ledgerWindow(db, wide.from, wide.to),
    allRows<OrderDbRow>(db, { sql: paidInRangeSql, args: [range.from, range.to] }),
  ])
  const recent = statement.filter((s) => inRange(s.at))
  const orderIds = new Set([
    ...paid.map((o) => o.id),
    ...recent.map((s) => s.orderId),
    ...window.filter((l) => inRange(l.at)).map((l) => l.orderId),
  ])
  const refs = new Set(recent.map((s) => s.id))
  const known = new Set(paid.map((o) => o.id))
  const missing = new Set([...orderIds].filter((id) => !known.has(id)))
  const [byOrder, byRef, more] = await Promise.all([
    byKeys<LedgerDbRow>(db, ledgerByOrderSql, orderIds),
    byKeys<LedgerDbRow>(db, ledgerByRefSql, refs),
    byKeys<OrderDbRow>(db, ordersByIdSql, missing),
  ])
  const fetched = [...byOrder, ...byRef].map(fromDb)
  const ledger = new Map([...window, ...fetched].map((r) => [r.id, r]))
  const settled = [...ledger.values()].filter((r) => r.status === 'succeeded').map(toMovement)
  const orders = [...paid, ...more].map(toOrder)
  const movements: StatementMovement[] = statement.map((s) => ({ ...s }))
  return {
    input: { range, statement: movements, ledger: settled, orders },
    counts: {
      statementRows: recent.length,
      ledgerRows: settled.length,
      ordersChecked: orders.length,
    },
  }
}
