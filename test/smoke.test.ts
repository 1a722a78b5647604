import { env, SELF } from 'cloudflare:test'
import { expect, it } from 'vitest'

it('serves and reaches actors', async () => {
  const res = await SELF.fetch('https://x/')
  expect(res.status).toBe(200)
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName('a'))
  expect(await stub.ping()).toBe('pong')
  const row = await env.DB.prepare('SELECT count(*) AS n FROM stores').first<{ n: number }>()
  expect(row?.n).toBe(0)
})
