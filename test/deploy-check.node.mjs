// node --test (run by npm test): the deploy check's verdicts, and the real `npm run deploy:check`.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import {
  checkDeploy,
  devOnly,
  optionalSecrets,
  productionSecrets,
  verdictLines,
} from '../src/cli/deploy-rules.mjs'

const realId = '3f0c7a4e-5b1d-4c8e-9a2f-6d7e8f901234'
const ready = {
  d1_databases: [{ binding: 'DB', database_name: 'order-center', database_id: realId }],
  queues: {
    producers: [{ binding: 'ORDER_EVENTS', queue: 'order-events' }],
    consumers: [{ queue: 'order-events', dead_letter_queue: 'order-events-dlq' }],
  },
  vars: { LOG_LEVEL: 'info' },
  observability: { enabled: true },
}
const allSecrets = [...productionSecrets]

describe('deploy check', () => {
  it('passes a configuration with a real D1 id and every secret set, listing the queues', () => {
    assert.deepEqual(verdictLines(checkDeploy({ config: ready, secretNames: allSecrets })), [
      '· queue order-events exists (npx wrangler queues create order-events)',
      '· queue order-events-dlq exists (npx wrangler queues create order-events-dlq)',
      'deploy check passed',
    ])
  })

  it('refuses the placeholder D1 id and names the command that makes a real one', () => {
    const db = { ...ready.d1_databases[0], database_id: '00000000-0000-0000-0000-000000000000' }
    const verdict = checkDeploy({
      config: { ...ready, d1_databases: [db] },
      secretNames: allSecrets,
    })
    assert.deepEqual(verdict.problems, [
      'D1 order-center (binding DB) has the placeholder id 00000000-0000-0000-0000-000000000000: ' +
        'run npx wrangler d1 create order-center and put its database_id in wrangler.toml',
    ])
    assert.equal(verdictLines(verdict).at(-1), 'deploy check refused: 1 problem(s)')
  })

  it('refuses each secret that is not set, and secrets it cannot see', () => {
    const set = ['JWT_SECRET', 'ORDER_ID_KEY', 'STRIPE_SECRET_KEY']
    assert.deepEqual(checkDeploy({ config: ready, secretNames: set }).problems, [
      'secret STRIPE_WEBHOOK_SECRET is not set: run npx wrangler secret put STRIPE_WEBHOOK_SECRET',
    ])
    const blind = checkDeploy({ config: ready, secretNames: null })
    assert.equal(blind.ok, false)
    assert.match(blind.problems[0], /could not be listed/)
  })

  it('refuses local-only switches and missing observability', () => {
    const config = {
      ...ready,
      vars: { FAULT_INJECTION: 'on', PAYMENT_PROVIDER: 'sandbox' },
      observability: undefined,
    }
    assert.deepEqual(checkDeploy({ config, secretNames: allSecrets }).problems, [
      '[vars] FAULT_INJECTION = "on" is for local development only; remove it',
      '[vars] PAYMENT_PROVIDER = "sandbox" is for local development only; remove it',
      '[observability] enabled = true is missing: the Worker logs would not be kept',
    ])
  })

  it('knows every secret that .dev.vars sets', () => {
    const local = readFileSync('.dev.vars', 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
      .map((l) => l.slice(0, l.indexOf('=')))
    const known = [...productionSecrets, ...optionalSecrets]
    const unknown = local.filter((n) => !known.includes(n) && !(n in devOnly))
    assert.deepEqual(unknown, [], 'add them to productionSecrets in src/cli/deploy-rules.mjs')
  })

  it('npm run deploy:check bundles the Worker, then judges the repository configuration', () => {
    const r = spawnSync(process.execPath, ['src/cli/deploy-check.mjs'], {
      env: { ...process.env, DEPLOY_SECRET_NAMES: productionSecrets.join(',') },
      encoding: 'utf8',
    })
    const lines = r.stdout.trim().split('\n')
    assert.equal(lines[0], '✓ wrangler deploy --dry-run: the Worker bundles', r.stderr)
    const placeholder = /database_id = "0{8}-0{4}-0{4}-0{4}-0{12}"/.test(
      readFileSync('wrangler.toml', 'utf8'),
    )
    assert.equal(r.status, placeholder ? 1 : 0)
    assert.equal(
      lines.at(-1),
      placeholder ? 'deploy check refused: 1 problem(s)' : 'deploy check passed',
    )
  })
})
