import type { Env } from './env'

export { OrderActor } from '../durable-objects/order-actor'
export { StockActor } from '../durable-objects/stock-actor'

export default {
  async fetch(_request: Request, _env: Env): Promise<Response> {
    return Response.json({ ok: true })
  },
} satisfies ExportedHandler<Env>
