#!/usr/bin/env node
// npm run gen:env: generates the Worker's Env (src/worker-configuration.d.ts) with `wrangler
// types` from wrangler.toml and .dev.vars. With --check (run by npm test) it only says whether
// the file is current, and fails with the command to run when it is not.
import { spawnSync } from 'node:child_process'
import { quietEnv, wranglerBin } from './local-env.mjs'

const target = 'src/worker-configuration.d.ts'
const args = ['types', target, '--include-runtime=false', '--strict-vars=false']
const check = process.argv.includes('--check')
const r = spawnSync(process.execPath, [wranglerBin, ...args, ...(check ? ['--check'] : [])], {
  env: quietEnv,
  encoding: 'utf8',
})
if (r.status !== 0) {
  const why = check ? `${target} is stale: run npm run gen:env and commit it` : r.stdout + r.stderr
  process.stderr.write(`${why}\n`)
  process.exit(1)
}
if (!check) process.stdout.write(`${target} regenerated from wrangler.toml and .dev.vars\n`)
