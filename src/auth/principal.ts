import { z } from '@hono/zod-openapi'

export const callerRoles = ['buyer', 'merchant', 'warehouse', 'service', 'admin'] as const
export type CallerRole = (typeof callerRoles)[number]

/** Who is calling, as the bearer token says. A merchant always carries its store. */
export interface Principal {
  readonly role: CallerRole
  readonly id: string
  readonly storeId: string | null
}

export const claimsSchema = z
  .object({
    sub: z.string().min(1).max(128),
    role: z.enum(callerRoles),
    storeId: z.string().min(1).max(128).optional(),
    exp: z.number().int().positive(),
  })
  .refine((c) => c.role !== 'merchant' || c.storeId !== undefined, {
    message: 'a merchant token must carry storeId',
  })
