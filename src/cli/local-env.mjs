// What every local command shares: the port to serve on, a quiet wrangler, and development tokens.
import { spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'

export const wranglerBin = 'node_modules/wrangler/bin/wrangler.js'

/**
 * wrangler without its banner, update check, telemetry or the `Request.cf` download (which needs
 * the internet and prints a stack trace without it).
 */
export const quietEnv = {
  ...process.env,
  CI: 'true',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
}

/** `--port N`, `--port=N`, then PORT, then 8787. */
export function chosenPort(argv = process.argv.slice(2), env = process.env) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='))
  const raw = i < 0 ? env.PORT : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1]
  if (raw === undefined || raw === '') return 8787
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`the port must be a number from 1 to 65535, not "${raw}"`)
  }
  return port
}

/** Resolves true when nothing listens on 127.0.0.1:port (by trying to listen there). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      probe.close(() => resolve(true)),
    )
  })
}

/** Runs wrangler quietly; its output is shown only if it fails. */
export function wranglerQuiet(args) {
  const r = spawnSync(process.execPath, [wranglerBin, ...args], { env: quietEnv, encoding: 'utf8' })
  if (r.status !== 0) {
    process.stderr.write(`wrangler ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`)
    process.exit(r.status ?? 1)
  }
  return r.stdout
}

export function devSecret(name = 'JWT_SECRET') {
  if (process.env[name]) return process.env[name]
  if (!existsSync('.dev.vars')) return ''
  const line = readFileSync('.dev.vars', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`))
  return line?.slice(name.length + 1).trim() ?? ''
}

/** A development JWT signed with JWT_SECRET from .dev.vars. */
export function devToken(role, sub, { storeId, seconds = 600 } = {}) {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + seconds
  const claims = { sub, role, exp, ...(storeId ? { storeId } : {}) }
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`
  return `${body}.${createHmac('sha256', devSecret()).update(body).digest('base64url')}`
}
