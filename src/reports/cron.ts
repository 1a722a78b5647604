import type { Env } from '../env'
import { errorFields, log } from '../http/log'
import { cronRange, runReconciliation } from './reconciliation-run'

/**
 * The cron trigger: reconciles the day before it and logs one line for the run, or one error line
 * if it failed (the failure is rethrown so the platform records the invocation as failed too).
 */
export async function runCron(env: Env, controller: ScheduledController): Promise<void> {
  const started = Date.now()
  const range = cronRange(controller.scheduledTime)
  const fields = {
    cron: controller.cron,
    scheduledTime: new Date(controller.scheduledTime).toISOString(),
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
  }
  try {
    const run = await runReconciliation(env, range, { trigger: 'cron' })
    const { id, statementRows, ledgerRows, ordersChecked, found, healed, resolved } = run
    log(env, 'info', 'cron reconciliation', {
      ...fields,
      runId: id,
      counts: { statementRows, ledgerRows, ordersChecked, found, healed, resolved },
      ms: Date.now() - started,
    })
  } catch (e) {
    log(env, 'error', 'cron reconciliation failed', {
      ...fields,
      ms: Date.now() - started,
      ...errorFields(e),
    })
    throw e
  }
}
