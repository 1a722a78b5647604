// Demo stock lives in stock actors, not D1, so it is set through the API once the Worker is up.
// A SKU that has ever been stocked is left alone, so a restart does not refill it.
import { devToken } from './local-env.mjs'

const demoStock = [
  ['sku-tea-a', 500, 1],
  ['sku-teapot-b', 200, 1],
  ['sku-speaker-c', 300, 1],
  ['sku-giftcard-50', 10000, 1],
  ['sku-phone-presale', 1000, 4],
]

async function call(base, method, route, body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${devToken('admin', 'npm-start')}`,
      'Content-Type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Stocks each demo SKU in wh-east unless it was stocked before; returns a one-line summary. */
export async function stockDemo(base) {
  const summary = []
  for (const [sku, onHand, buckets] of demoStock) {
    const now = await call(base, 'GET', `/v1/admin/stock/${sku}`)
    const line = now.warehouses?.find((w) => w.warehouseId === 'wh-east')
    if (!line || line.counts.received === 0) {
      await call(base, 'PUT', `/v1/admin/stock/${sku}/wh-east`, { buckets, onHand })
    }
    const after = await call(base, 'GET', `/v1/admin/stock/${sku}`)
    const counts = after.warehouses?.find((w) => w.warehouseId === 'wh-east')?.counts
    summary.push(`${sku} ${counts?.available ?? '?'}`)
  }
  return summary.join(', ')
}
