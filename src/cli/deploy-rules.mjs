// What must be true of the configuration before `wrangler deploy`: pure, so a test can feed it
// any configuration. src/cli/deploy-check.mjs gathers the real inputs and prints the verdict.

/** Secrets the deployed Worker reads; each is set with `npx wrangler secret put NAME`. */
export const productionSecrets = [
  'JWT_SECRET',
  'ORDER_ID_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
]

/** Secrets a deployment may set but need not: other signed webhook senders, retired id keys. */
export const optionalSecrets = ['WEBHOOK_SECRET', 'ORDER_ID_KEYS_OLD']

/** Local-only switches: allowed in .dev.vars, refused in a deployed configuration. */
export const devOnly = { FAULT_INJECTION: null, PAYMENT_PROVIDER: 'sandbox' }

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const placeholder = /^0{8}-0{4}-0{4}-0{4}-0{12}$/

function d1Problems(config) {
  return (config.d1_databases ?? []).flatMap((db) => {
    const id = db.database_id ?? ''
    if (uuid.test(id) && !placeholder.test(id)) return []
    const what = id ? `the placeholder id ${id}` : 'no database_id'
    return [
      `D1 ${db.database_name} (binding ${db.binding}) has ${what}: run ` +
        `npx wrangler d1 create ${db.database_name} and put its database_id in wrangler.toml`,
    ]
  })
}

function varProblems(config) {
  const vars = config.vars ?? {}
  return Object.entries(devOnly).flatMap(([name, refused]) => {
    if (!(name in vars)) return []
    if (refused !== null && vars[name] !== refused) return []
    return [`[vars] ${name} = "${vars[name]}" is for local development only; remove it`]
  })
}

function secretProblems(secretNames, required) {
  if (secretNames === null) {
    return [
      "the Worker's secrets could not be listed (not logged in?): run npx wrangler login, " +
        'or name them: DEPLOY_SECRET_NAMES=JWT_SECRET,WEBHOOK_SECRET npm run deploy:check',
    ]
  }
  return required
    .filter((name) => !secretNames.includes(name))
    .map((name) => `secret ${name} is not set: run npx wrangler secret put ${name}`)
}

/** The queues the configuration needs, dead-letter queues included, in a stable order. */
export function queuesOf(config) {
  const names = new Set()
  for (const p of config.queues?.producers ?? []) names.add(p.queue)
  for (const c of config.queues?.consumers ?? []) {
    names.add(c.queue)
    if (c.dead_letter_queue) names.add(c.dead_letter_queue)
  }
  return [...names]
}

/**
 * The verdict on a configuration: `problems` refuse the deploy; `steps` are what the deploy
 * guide has the operator do once (they cannot be verified without the account).
 */
export function checkDeploy({ config, secretNames, required = productionSecrets }) {
  const problems = [
    ...d1Problems(config),
    ...varProblems(config),
    ...secretProblems(secretNames, required),
  ]
  if (config.observability?.enabled !== true) {
    problems.push('[observability] enabled = true is missing: the Worker logs would not be kept')
  }
  const steps = queuesOf(config).map((q) => `queue ${q} exists (npx wrangler queues create ${q})`)
  return { ok: problems.length === 0, problems, steps }
}

/** The verdict as the lines deploy:check prints. */
export function verdictLines({ ok, problems, steps }) {
  return [
    ...problems.map((p) => `✗ ${p}`),
    ...steps.map((s) => `· ${s}`),
    ok ? 'deploy check passed' : `deploy check refused: ${problems.length} problem(s)`,
  ]
}
