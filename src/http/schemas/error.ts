import { z } from '@hono/zod-openapi'

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INSUFFICIENT_STOCK' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error')

/** Standard error responses, so every route documents the envelope. */
export function errorResponses(
  ...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503)[]
) {
  const descriptions: Record<number, string> = {
    400: 'Bad input; the message names the field',
    401: 'Missing or invalid bearer token',
    403: 'The caller may not do this',
    404: 'Unknown, or not yours',
    409: 'State conflict',
    413: 'Body too large',
    422: 'Business rule refused it',
    429: 'Rate limited',
    503: 'Not configured here, or a provider is unavailable',
  }
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: descriptions[s] ?? 'Error',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  )
}
