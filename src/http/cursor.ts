import { AppError } from '../errors'

/** Opaque keyset cursor: the (created_at, id) of the last row of the previous page. */
export function encodeCursor(createdAt: number, id: string): string {
  return btoa(JSON.stringify([createdAt, id]))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return { createdAt: parsed[0] as number, id: parsed[1] }
    }
  } catch {
    // falls through to the one error below
  }
  throw new AppError('VALIDATION_FAILED', 'query cursor: not a cursor this API issued', {
    target: 'query',
    issues: [{ field: 'cursor', code: 'invalid_cursor', message: 'not a cursor this API issued' }],
  })
}
