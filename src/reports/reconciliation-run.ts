import type { PaymentProvider } from '../adapters/payment-provider'
import { paymentProvider } from '../adapters/provider'
import { type Mismatch, reconcile } from '../domain/reconciliation'
import { heldTooLong } from '../domain/reconciliation-held'
import type { Env } from '../env'
import { newId } from '../ids'
import { heldPayments } from '../store/held-payments'
import { gatherInputs } from '../store/reconciliation-inputs'
import {
  failRun,
  finishRun,
  type RecordedMismatch,
  type RunCounts,
  type RunTrigger,
  recordMismatches,
  resolveUnseen,
  startRun,
} from '../store/reconciliation-store'
import { actorRedelivery, type HealResult, type PaymentHealer } from './payment-redelivery'

export interface ReconciliationRange {
  /** Epoch milliseconds, inclusive. */
  readonly from: number
  /** Epoch milliseconds, exclusive. */
  readonly to: number
}

export interface RunOptions {
  readonly trigger?: RunTrigger
  readonly provider?: PaymentProvider
  readonly heal?: PaymentHealer
  readonly now?: () => number
}

export interface RunSummary extends RunCounts {
  readonly id: string
  readonly trigger: RunTrigger
  readonly from: number
  readonly to: number
  readonly mismatches: readonly RecordedMismatch[]
}

/** Webhooks and outbox flushes land within minutes; the cron leaves them that long. */
const settleLagMs = 10 * 60_000
const dayMs = 86_400_000

/** The range a cron run checks: the day before the trigger, minus the settling lag. */
export function cronRange(scheduledTime: number): ReconciliationRange {
  const to = scheduledTime - settleLagMs
  return { from: to - dayMs, to }
}

const defaultHeldMaxAgeSeconds = 2 * 86_400

/** Held payments nobody settled within HELD_PAYMENT_MAX_AGE_SECONDS (default two days). */
async function heldFindings(env: Env, range: ReconciliationRange, now: number) {
  const raw = Number(env.HELD_PAYMENT_MAX_AGE_SECONDS)
  const maxAgeMs = (Number.isSafeInteger(raw) && raw > 0 ? raw : defaultHeldMaxAgeSeconds) * 1000
  const held = await heldPayments(env.DB, { status: 'held', before: now - maxAgeMs, limit: 500 })
  return heldTooLong(held, range, now, maxAgeMs)
}

function describe(result: HealResult): string {
  return result.ok ? result.outcome : `${result.code}: ${result.message}`
}

/** Re-delivers each healable payment once, even if several mismatches point at it. */
async function healAll(found: readonly Mismatch[], heal: PaymentHealer) {
  const byPayment = new Map<string, Promise<HealResult>>()
  const recorded: RecordedMismatch[] = []
  for (const m of found) {
    if (m.kind !== 'PAID_NOT_MARKED' || !m.heal) {
      recorded.push({ mismatch: m, status: 'open', healOutcome: null })
      continue
    }
    const p = m.heal
    let attempt = byPayment.get(p.paymentId)
    if (!attempt) {
      attempt = heal(p).catch((e: unknown) => ({
        ok: false as const,
        code: 'UNAVAILABLE',
        message: e instanceof Error ? e.message : String(e),
      }))
      byPayment.set(p.paymentId, attempt)
    }
    const result = await attempt
    recorded.push({
      mismatch: m,
      status: result.ok ? 'healed' : 'open',
      healOutcome: describe(result),
    })
  }
  return recorded
}

/**
 * Compares the provider's statement, the payments ledger and the orders over a range, heals
 * what re-delivering a payment can heal, records every run and mismatch, and closes the ones a
 * covering run no longer sees. The cron and `POST /v1/admin/reconciliation/run` both call this.
 */
export async function runReconciliation(
  env: Env,
  range: ReconciliationRange,
  options: RunOptions = {},
): Promise<RunSummary> {
  const now = options.now ?? Date.now
  const trigger = options.trigger ?? 'cron'
  const id = newId('rec')
  await startRun(env.DB, { id, trigger, from: range.from, to: range.to, now: now() })
  try {
    const provider = options.provider ?? paymentProvider(env)
    const { input, counts } = await gatherInputs(env.DB, provider, range)
    const found = [...reconcile(input), ...(await heldFindings(env, range, now()))]
    const recorded = await healAll(found, options.heal ?? actorRedelivery(env))
    await recordMismatches(env.DB, id, recorded, now())
    const resolved = await resolveUnseen(env.DB, id, range, now())
    const healed = recorded.filter((r) => r.status === 'healed').length
    const totals = { ...counts, found: recorded.length, healed, resolved }
    await finishRun(env.DB, id, totals, now())
    return { id, trigger, from: range.from, to: range.to, ...totals, mismatches: recorded }
  } catch (e) {
    await failRun(env.DB, id, e instanceof Error ? e.message : String(e), now())
    throw e
  }
}
