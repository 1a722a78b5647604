import { createHmac } from 'node:crypto'

/** An HS256 JWT like `npm run token` prints, for the bench's own secret. */
export function signToken(secret, claims) {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + 3600
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ exp, ...claims })}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}
