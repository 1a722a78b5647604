import { describe, expect, it } from 'vitest'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { adminToken, day, insertOrder, t0 } from '../support/reports'

interface Page {
  items: { id: string; status: string; userId: string; storeId: string; createdAt: string }[]
  nextCursor: string | null
}

const line = [{ sku: 'sku-search', qty: 1, amount: 1500 }]

async function search(query: string) {
  return api<Page>('GET', `/v1/admin/orders?${query}`, { token: await adminToken() })
}

/** Seven orders of one store, two buyers, over four days; two share a created_at. */
async function seed() {
  const storeId = uid('so')
  const [alice, bob] = [uid('alice'), uid('bob')]
  const rows: [string, string, number][] = [
    [alice, 'pending_payment', t0],
    [bob, 'completed', t0 + 1000],
    [alice, 'completed', t0 + day],
    [alice, 'cancelled', t0 + day],
    [bob, 'pending_shipment', t0 + 2 * day],
    [alice, 'completed', t0 + 3 * day],
    [bob, 'completed', t0 + 3 * day + 5],
  ]
  const ids: string[] = []
  for (const [userId, status, createdAt] of rows) {
    ids.push(await insertOrder({ storeId, userId, status, createdAt, lines: line }))
  }
  return { storeId, alice, bob, ids }
}

async function allPages(query: string, limit: number) {
  const seen: string[] = []
  let cursor: string | null = null
  for (let i = 0; i < 20; i++) {
    const res: { body: Page } = await search(
      `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )
    seen.push(...res.body.items.map((o) => o.id))
    cursor = res.body.nextCursor
    if (!cursor) return seen
  }
  throw new Error('pagination did not end')
}

describe('admin order search', () => {
  it('pages newest first on (created_at, id), each order exactly once', async () => {
    const { storeId, ids } = await seed()
    const sameTime = [ids[2], ids[3]].sort().reverse()
    const expected = [ids[6], ids[5], ids[4], ...sameTime, ids[1], ids[0]]
    for (const limit of [1, 2, 3, 100]) {
      expect(await allPages(`storeId=${storeId}`, limit)).toEqual(expected)
    }
  })

  it('filters by status, buyer and creation range together', async () => {
    const { storeId, alice, bob, ids } = await seed()
    const completed = await search(`storeId=${storeId}&status=completed`)
    expect(completed.body.items.map((o) => o.id)).toEqual([ids[6], ids[5], ids[2], ids[1]])
    const mine = await search(`userId=${alice}&status=completed`)
    expect(mine.body.items.map((o) => o.id)).toEqual([ids[5], ids[2]])
    const window = await search(`storeId=${storeId}&from=2024-03-02&to=2024-03-04`)
    expect(window.body.items.map((o) => o.id).sort()).toEqual([ids[2], ids[3], ids[4]].sort())
    const bobs = await search(`userId=${bob}&from=${new Date(t0 + 1000).toISOString()}`)
    expect(bobs.body.items.map((o) => o.id)).toEqual([ids[6], ids[4], ids[1]])
    expect(bobs.body.items[0]).toMatchObject({ userId: bob, storeId, status: 'completed' })
  })

  it('refuses bad input with 400 naming the field, and non-admins', async () => {
    const message = async (q: string) =>
      (
        await api<{ error: { message: string } }>('GET', `/v1/admin/orders?${q}`, {
          token: await adminToken(),
        })
      ).body.error.message
    expect(await message('status=shipped')).toContain('query status')
    expect(await message('limit=101')).toContain('query limit')
    expect(await message('cursor=not-a-cursor')).toContain('query cursor')
    expect(await message('from=yesterday')).toContain('query from')
    expect(await message('from=2024-03-02&to=2024-03-01')).toBe('query to: must be after from')
    const merchant = await token('merchant', 'm', 'store-a')
    expect((await api('GET', '/v1/admin/orders', { token: merchant })).status).toBe(403)
  })
})
