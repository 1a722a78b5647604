import { describe, expect, it } from 'vitest'
import { createSharedCache } from '../../src/store/shared-cache'

/** A loader that counts its calls and answers (what was true when called) only when released. */
function gatedLoader(answer: (key: string) => string) {
  const calls: string[][] = []
  const gates: (() => void)[] = []
  const load = (keys: readonly string[]) => {
    calls.push([...keys])
    const values = new Map(keys.map((k) => [k, answer(k)]))
    return new Promise<Map<string, string>>((resolve) => {
      gates.push(() => resolve(values))
    })
  }
  const releaseAll = () => {
    for (const open of gates.splice(0)) open()
  }
  return { calls, load, releaseAll }
}

const t0 = 1_000_000

describe('shared isolate cache', () => {
  it('answers concurrent misses of the same key with one load', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 10_000 })
    const loader = gatedLoader((k) => `v:${k}`)
    const waiting = Array.from({ length: 5 }, () => cache.getMany(['a'], loader.load, t0))
    loader.releaseAll()
    const answers = await Promise.all(waiting)
    expect(loader.calls).toEqual([['a']])
    expect(answers.map((m) => m.get('a'))).toEqual(['v:a', 'v:a', 'v:a', 'v:a', 'v:a'])
  })

  it('loads only the keys no load is already fetching', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 10_000 })
    const loader = gatedLoader((k) => `v:${k}`)
    const first = cache.getMany(['a', 'b'], loader.load, t0)
    const second = cache.getMany(['b', 'c'], loader.load, t0)
    loader.releaseAll()
    expect([...(await first)]).toEqual([
      ['a', 'v:a'],
      ['b', 'v:b'],
    ])
    expect([...(await second)].sort()).toEqual([
      ['b', 'v:b'],
      ['c', 'v:c'],
    ])
    expect(loader.calls).toEqual([['a', 'b'], ['c']])
  })

  it('serves an expired entry at once while one refresh runs, then the refreshed value', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 10_000 })
    let version = 1
    const loader = gatedLoader((k) => `${k}@${version}`)
    const warm = cache.get('a', async () => (await loader.load(['a'])).get('a') ?? '', t0)
    loader.releaseAll()
    expect(await warm).toBe('a@1')
    version = 2
    const later = t0 + 12_000
    const stale = await Promise.all([
      cache.getMany(['a'], loader.load, later),
      cache.getMany(['a'], loader.load, later),
    ])
    expect(stale.map((m) => m.get('a'))).toEqual(['a@1', 'a@1'])
    expect(loader.calls).toEqual([['a'], ['a']])
    loader.releaseAll()
    await new Promise((r) => setTimeout(r, 0))
    expect((await cache.getMany(['a'], loader.load, later + 1)).get('a')).toBe('a@2')
    expect(loader.calls.length).toBe(2)
  })

  it('loads again, and waits for it, once an entry is older than TTL plus the stale window', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 5_000 })
    let version = 1
    const loader = gatedLoader((k) => `${k}@${version}`)
    const warm = cache.getMany(['a'], loader.load, t0)
    loader.releaseAll()
    await warm
    version = 2
    const fresh = cache.getMany(['a'], loader.load, t0 + 15_000)
    loader.releaseAll()
    expect((await fresh).get('a')).toBe('a@2')
  })

  it('does not cache a load that started before an eviction', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 10_000 })
    let version = 1
    const loader = gatedLoader((k) => `${k}@${version}`)
    const before = cache.getMany(['a'], loader.load, t0)
    cache.evict('a')
    version = 2
    loader.releaseAll()
    expect((await before).get('a')).toBe('a@1')
    const after = cache.getMany(['a'], loader.load, t0 + 1)
    loader.releaseAll()
    expect((await after).get('a')).toBe('a@2')
    expect(loader.calls.length).toBe(2)
  })

  it('lets a waiter load for itself when the load it shared fails', async () => {
    const cache = createSharedCache<string, string>({ ttlMs: 10_000, staleMs: 10_000 })
    let fail = true
    let calls = 0
    const load = async (keys: readonly string[]) => {
      calls += 1
      await new Promise((r) => setTimeout(r, 1))
      if (fail) {
        fail = false
        throw new Error('D1 busy')
      }
      return new Map(keys.map((k) => [k, `v:${k}`]))
    }
    const first = cache.getMany(['a'], load, t0).catch((e: Error) => e.message)
    const second = cache.getMany(['a'], load, t0)
    expect(await first).toBe('D1 busy')
    expect((await second).get('a')).toBe('v:a')
    expect(calls).toBe(2)
  })
})
