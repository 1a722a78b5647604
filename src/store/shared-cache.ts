/**
 * An isolate cache whose loads are shared. Concurrent misses of a key wait for the one load
 * already running instead of each querying D1; an entry past its TTL (but within `staleMs` more)
 * is served as it is while one refresh runs behind it; an eviction makes any load that started
 * before it return its result without caching it. A waiter whose shared load failed loads for
 * itself, so one request's failure is not every request's.
 */
export interface SharedCacheOptions {
  readonly ttlMs: number
  /** How much longer than the TTL an entry may be served while it refreshes. */
  readonly staleMs: number
  /** Keeps a refresh alive past the request that started it (the Worker's waitUntil). */
  readonly keepAlive?: (work: Promise<unknown>) => void
}

type LoadMany<K, V> = (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>

export function createSharedCache<K, V>(options: SharedCacheOptions) {
  const { ttlMs, staleMs } = options
  const entries = new Map<K, { value: V; at: number }>()
  const loads = new Map<K, Promise<ReadonlyMap<K, V>>>()
  let generation = 0

  /** `load` must answer every key it is given (a value meaning "none" included). */
  function start(keys: readonly K[], load: LoadMany<K, V>, now: number) {
    const started = generation
    const running = load(keys).then((values) => {
      if (started === generation) {
        for (const key of keys)
          if (values.has(key)) entries.set(key, { value: values.get(key) as V, at: now })
      }
      return values
    })
    const settled = running.finally(() => {
      for (const key of keys) if (loads.get(key) === settled) loads.delete(key)
    })
    for (const key of keys) loads.set(key, settled)
    options.keepAlive?.(settled.catch(() => undefined))
    return settled
  }

  async function getMany(
    keys: readonly K[],
    load: LoadMany<K, V>,
    now: number = Date.now(),
  ): Promise<Map<K, V>> {
    const found = new Map<K, V>()
    const missing: K[] = []
    const stale: K[] = []
    const shared: [K, Promise<ReadonlyMap<K, V>>][] = []
    for (const key of new Set(keys)) {
      const hit = entries.get(key)
      const age = hit ? now - hit.at : Number.POSITIVE_INFINITY
      const running = loads.get(key)
      if (hit && age < ttlMs + staleMs) {
        found.set(key, hit.value)
        if (age >= ttlMs && !running) stale.push(key)
      } else if (running) shared.push([key, running])
      else missing.push(key)
    }
    if (stale.length > 0) void start(stale, load, now).catch(() => undefined)
    const take = (keys: readonly K[]) => (values: ReadonlyMap<K, V>) => {
      for (const key of keys) if (values.has(key)) found.set(key, values.get(key) as V)
    }
    const own = missing.length > 0 ? [start(missing, load, now).then(take(missing))] : []
    const waited = shared.map(([key, running]) =>
      running.catch(() => load([key])).then(take([key])),
    )
    await Promise.all([...own, ...waited])
    return found
  }

  async function get(key: K, load: () => Promise<V>, now: number = Date.now()): Promise<V> {
    const values = await getMany([key], async () => new Map([[key, await load()]]), now)
    return values.get(key) as V
  }

  /** Drops one key, or everything; loads already running will not cache what they return. */
  function evict(key?: K): void {
    generation += 1
    if (key === undefined) entries.clear()
    else entries.delete(key)
  }

  return { get, getMany, evict }
}

/** The Worker's waitUntil for the request in progress, where there is one. */
export function keepAliveWith(
  waitUntil: (work: Promise<unknown>) => void,
): (work: Promise<unknown>) => void {
  return (work) => {
    try {
      waitUntil(work)
    } catch {
      // Outside a request (a test, a Durable Object) the work simply runs.
    }
  }
}
