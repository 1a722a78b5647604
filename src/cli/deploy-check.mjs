#!/usr/bin/env node
// npm run deploy:check: bundles the Worker with `wrangler deploy --dry-run`, then refuses the
// deploy while wrangler.toml has a placeholder D1 id, carries a local-only switch, or a secret the
// Worker reads is not set. Secret names come from `wrangler secret list` (logged in), or from
// DEPLOY_SECRET_NAMES=A,B when the account cannot be asked.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unstable_readConfig } from 'wrangler'
import { checkDeploy, verdictLines } from './deploy-rules.mjs'
import { copyDocsAssets } from './docs-assets.mjs'
import { quietEnv, wranglerBin } from './local-env.mjs'

const say = (text) => process.stdout.write(`${text}\n`)

function wrangler(args) {
  return spawnSync(process.execPath, [wranglerBin, ...args], { env: quietEnv, encoding: 'utf8' })
}

function secretNames() {
  if (process.env.DEPLOY_SECRET_NAMES !== undefined) {
    return process.env.DEPLOY_SECRET_NAMES.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  }
  const r = wrangler(['secret', 'list', '--format', 'json'])
  if (r.status !== 0) return null
  try {
    return JSON.parse(r.stdout).map((s) => s.name)
  } catch {
    return null
  }
}

copyDocsAssets()
const outdir = mkdtempSync(path.join(tmpdir(), 'deploy-check-'))
const dry = wrangler(['deploy', '--dry-run', '--outdir', outdir])
rmSync(outdir, { recursive: true, force: true })
if (dry.status !== 0) {
  process.stderr.write(`✗ wrangler deploy --dry-run failed:\n${dry.stdout}${dry.stderr}`)
  process.exit(1)
}
say('✓ wrangler deploy --dry-run: the Worker bundles')
const config = unstable_readConfig({ config: 'wrangler.toml' })
const verdict = checkDeploy({ config, secretNames: secretNames() })
for (const line of verdictLines(verdict)) say(line)
process.exit(verdict.ok ? 0 : 1)
