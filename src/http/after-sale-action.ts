import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import type { Json } from '../domain/order'
import { unwrap } from '../errors'
import { callerRef, orderStub } from './order-stub'
import { AfterSaleParams } from './schemas/params'

/** One after-sale action through the order actor, which checks who may see and do it. */
export async function afterSaleAction(
  c: Context<AppEnv>,
  action: string,
  payload: { [k: string]: Json } = {},
) {
  const { id, asId } = AfterSaleParams.parse(c.req.param())
  const stub = await orderStub(c, id)
  const input = { by: callerRef(c), afterSaleId: asId, action, payload }
  return unwrap(await stub.afterSaleAction(input)).afterSale
}
