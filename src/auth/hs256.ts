import { hmacKey } from '../crypto/hmac-key'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * An HS256 JSON Web Token checked the way RFC 7519 asks: three base64url parts, a header naming
 * HS256, a signature over the first two made with the secret, and exp / nbf / iat (seconds) that
 * put now inside the token's life. Returns the payload, or null for any token that fails.
 */
export async function verifyHs256(token: string, secret: string, now: number): Promise<unknown> {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [head, body, signature] = parts as [string, string, string]
  const header = parseJson(head)
  if (!isRecord(header) || header.alg !== 'HS256') return null
  const mac = bytesOf(signature)
  if (!mac) return null
  const signed = encoder.encode(`${head}.${body}`)
  if (!(await crypto.subtle.verify('HMAC', await hmacKey(secret), mac, signed))) return null
  const payload = parseJson(body)
  if (!isRecord(payload) || !alive(payload, Math.floor(now / 1000))) return null
  return payload
}

function alive(claims: Record<string, unknown>, nowSeconds: number): boolean {
  const { exp, nbf, iat } = claims
  if (exp !== undefined && !(typeof exp === 'number' && exp > nowSeconds)) return false
  if (nbf !== undefined && !(typeof nbf === 'number' && nbf <= nowSeconds)) return false
  if (iat !== undefined && !(typeof iat === 'number' && iat <= nowSeconds)) return false
  return true
}

function bytesOf(part: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null
  try {
    const binary = atob(part.replaceAll('-', '+').replaceAll('_', '/'))
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return null
  }
}

function parseJson(part: string): unknown {
  const bytes = bytesOf(part)
  if (!bytes) return null
  try {
    return JSON.parse(decoder.decode(bytes))
  } catch {
    return null
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
