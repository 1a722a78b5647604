#!/usr/bin/env node
// Prints a development JWT signed with JWT_SECRET from .dev.vars (or the environment).
// Usage: npm run token -- <buyer|merchant|warehouse|service|admin> <subject> [storeId]
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

const roles = ['buyer', 'merchant', 'warehouse', 'service', 'admin']
const [role, sub, storeId] = process.argv.slice(2)

function secret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET
  if (!existsSync('.dev.vars')) return undefined
  const line = readFileSync('.dev.vars', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('JWT_SECRET='))
  return line?.slice('JWT_SECRET='.length).trim()
}

function fail(message) {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

if (!roles.includes(role) || !sub) {
  fail('usage: npm run token -- <buyer|merchant|warehouse|service|admin> <subject> [storeId]')
}
if (role === 'merchant' && !storeId) fail('a merchant token needs a storeId')
const key = secret()
if (!key) fail('no JWT_SECRET in the environment or .dev.vars')

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
const exp = Math.floor(Date.now() / 1000) + 24 * 3600
const claims = { sub, role, exp, ...(storeId ? { storeId } : {}) }
const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`
const signature = createHmac('sha256', key).update(body).digest('base64url')
process.stdout.write(`${body}.${signature}\n`)
