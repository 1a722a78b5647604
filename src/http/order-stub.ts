import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import type { ActorRef } from '../domain/order'
import { AppError } from '../errors'
import { isOrderId, orderIdKeyring } from '../ids'

/** The actor of an order id from the path; ids without a valid MAC never wake an actor. */
export async function orderStub(c: Context<AppEnv>, id: string) {
  if (!(await isOrderId(orderIdKeyring(c.env), id)))
    throw new AppError('NOT_FOUND', 'no such order')
  return c.env.ORDER_ACTOR.get(c.env.ORDER_ACTOR.idFromName(id))
}

export function callerRef(c: Context<AppEnv>): ActorRef {
  const p = c.get('principal')
  return { role: p.role, id: p.id, storeId: p.storeId }
}
