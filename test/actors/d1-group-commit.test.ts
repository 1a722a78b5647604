import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { commitTogether, leadTimeoutMs } from '../../durable-objects/shared/d1-group-commit'

/** env.DB, with the size of every batch it was sent, in order. */
function countingDb(): { db: D1Database; batches: number[] } {
  const batches: number[] = []
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          batches.push(statements.length)
          return target.batch(statements)
        }
      }
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db, batches }
}

const insert = (db: D1Database, id: string) =>
  db.prepare('INSERT INTO group_commit_probe (id) VALUES (?)').bind(id)

async function probeIds(): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT id FROM group_commit_probe ORDER BY id').all<{
    id: string
  }>()
  return results.map((r) => r.id)
}

describe('D1 group commit', () => {
  beforeAll(async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS group_commit_probe (id TEXT PRIMARY KEY)')
  })

  it('sends a lone flush at once, in a batch of its own', async () => {
    const { db, batches } = countingDb()
    await commitTogether(db, [insert(db, 'lone-1'), insert(db, 'lone-2')])
    expect(batches).toEqual([2])
    expect(await probeIds()).toEqual(['lone-1', 'lone-2'])
  })

  it('sends the flushes that arrive during a batch together, in the next one', async () => {
    const { db, batches } = countingDb()
    await Promise.all([
      commitTogether(db, [insert(db, 'together-a')]),
      commitTogether(db, [insert(db, 'together-b')]),
      commitTogether(db, [insert(db, 'together-c'), insert(db, 'together-d')]),
    ])
    expect(batches).toEqual([1, 3])
    expect((await probeIds()).filter((id) => id.startsWith('together-'))).toEqual([
      'together-a',
      'together-b',
      'together-c',
      'together-d',
    ])
  })

  it('fails only the flush whose statements fail; the rest of its group is sent alone', async () => {
    const { db, batches } = countingDb()
    const broken = db.prepare('INSERT INTO no_such_table (id) VALUES (?)').bind('x')
    const [first, second, bad] = await Promise.allSettled([
      commitTogether(db, [insert(db, 'group-1')]),
      commitTogether(db, [insert(db, 'group-2')]),
      commitTogether(db, [insert(db, 'group-3'), broken]),
    ])
    expect(first.status).toBe('fulfilled')
    expect(second.status).toBe('fulfilled')
    expect(bad.status).toBe('rejected')
    expect([...batches].sort()).toEqual([1, 1, 2, 3])
    expect((await probeIds()).filter((id) => id.startsWith('group-'))).toEqual([
      'group-1',
      'group-2',
    ])
  })

  it('does not wait for a leader that never finishes: its waiters and the next flush go on', async () => {
    const { db, batches } = countingDb()
    const stuck = new Proxy(db, {
      get: (target, prop) =>
        prop === 'batch' ? () => new Promise(() => {}) : Reflect.get(target, prop),
    })
    void commitTogether(stuck, [insert(db, 'stuck-1')])
    const started = Date.now()
    await commitTogether(db, [insert(db, 'after-1')])
    expect(Date.now() - started).toBeGreaterThanOrEqual(leadTimeoutMs)
    await commitTogether(db, [insert(db, 'after-2')])
    expect(batches).toEqual([1, 1])
    expect((await probeIds()).filter((id) => /^(stuck|after)-/.test(id))).toEqual([
      'after-1',
      'after-2',
    ])
  })
})
