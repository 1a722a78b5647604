import { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.')
}

/** The first problem, named by its field, and every problem in the details. */
export function validationError(error: z.ZodError, target: string): AppError {
  const issues = error.issues.map((i) => {
    const keys = 'keys' in i && Array.isArray(i.keys) ? i.keys.map(String) : []
    const path = keys.length > 0 ? [...i.path, keys[0] as string] : [...i.path]
    return { field: fieldOf(path), code: i.code, message: i.message }
  })
  const first = issues[0]
  const message = first ? `${target} ${first.field}: ${first.message}` : `invalid ${target}`
  return new AppError('VALIDATION_FAILED', message, { target, issues })
}

/** A router whose validation failures become the API's 400 envelope. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target)
    },
  })
}
