import { meter, metersOn } from './meters'

/**
 * With METERS=on, the same env with its D1 database, queue and actor namespaces counted;
 * otherwise the env itself, untouched.
 */
const wrapped = new WeakMap<object, object>()

export function meteredEnv<E extends object>(env: E): E {
  if (!metersOn(env)) return env
  const known = wrapped.get(env)
  if (known) return known as E
  const out: Record<string, unknown> = { ...(env as Record<string, unknown>) }
  for (const [key, value] of Object.entries(env)) {
    if (isD1(value)) out[key] = meterD1(value)
    else if (isQueue(value)) out[key] = meterQueue(value)
    else if (isNamespace(value)) out[key] = meterNamespace(value, actorClass(key))
  }
  wrapped.set(env, out)
  return out as E
}

const actorClass = (binding: string) =>
  binding
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')

const has = (v: unknown, ...names: string[]) =>
  typeof v === 'object' && v !== null && names.every((n) => typeof Reflect.get(v, n) === 'function')
const isD1 = (v: unknown): v is D1Database => has(v, 'prepare', 'batch')
const isQueue = (v: unknown): v is Queue => has(v, 'send', 'sendBatch')
const isNamespace = (v: unknown): v is DurableObjectNamespace => has(v, 'idFromName', 'get')

function bindAll<T extends object>(target: T, own: Partial<Record<string | symbol, unknown>>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in own) return own[prop]
      const v = Reflect.get(t, prop, t)
      return typeof v === 'function' ? v.bind(t) : v
    },
  })
}

type Meta = { rows_written?: number; rows_read?: number } | undefined

/**
 * Every metered statement's real statement and SQL, whichever wrapper prepared it: the actors'
 * flushes go to D1 together, in a batch that one actor sends with the others' statements.
 */
const real = new WeakMap<object, { stmt: D1PreparedStatement; sql: string }>()

function meterD1(db: D1Database): D1Database {
  const count = (sql: string, meta: Meta) =>
    meter.d1(sql, meta?.rows_written ?? 0, meta?.rows_read ?? 0)
  function wrap(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
    const p = bindAll(stmt, {
      bind: (...args: unknown[]) => wrap(stmt.bind(...args), sql),
      run: async () => {
        const r = await stmt.run()
        count(sql, r.meta)
        return r
      },
      all: async () => {
        const r = await stmt.all()
        count(sql, r.meta)
        return r
      },
      first: async (col?: string) => {
        const all = await stmt.all<Record<string, unknown>>()
        count(sql, all.meta)
        const row = all.results[0] ?? null
        return col === undefined || row === null ? row : (row[col] ?? null)
      },
      raw: async (opts?: { columnNames?: boolean }) => {
        count(sql, undefined)
        return opts?.columnNames ? stmt.raw({ columnNames: true }) : stmt.raw()
      },
    })
    real.set(p, { stmt, sql })
    return p
  }
  return bindAll(db, {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: async (stmts: D1PreparedStatement[]) => {
      const inner = stmts.map((s) => real.get(s) ?? { stmt: s, sql: '' })
      const results = await db.batch(inner.map((s) => s.stmt))
      for (const [i, r] of results.entries()) count(inner[i]?.sql ?? '', r.meta)
      return results
    },
  })
}

function meterQueue(queue: Queue): Queue {
  return bindAll(queue, {
    send: (body: unknown, opts?: QueueSendOptions) => {
      meter.queueMessages(1)
      return queue.send(body, opts)
    },
    sendBatch: (batch: Iterable<MessageSendRequest>, opts?: QueueSendBatchOptions) => {
      const messages = [...batch]
      meter.queueMessages(messages.length)
      return queue.sendBatch(messages, opts)
    },
  })
}

const stubProps = new Set(['id', 'name', 'then', 'constructor'])

function meterStub(stub: DurableObjectStub, cls: string): DurableObjectStub {
  return new Proxy(stub, {
    get(t, prop) {
      const v = Reflect.get(t, prop)
      if (typeof prop !== 'string' || stubProps.has(prop) || typeof v !== 'function') return v
      return (...args: unknown[]) => {
        meter.doCall(cls, prop)
        return Reflect.apply(v, t, args)
      }
    },
  })
}

function meterNamespace(ns: DurableObjectNamespace, cls: string): DurableObjectNamespace {
  return bindAll(ns, {
    get: (id: DurableObjectId, opts?: DurableObjectNamespaceGetDurableObjectOptions) =>
      meterStub(ns.get(id, opts), cls),
    getByName: (name: string, opts?: DurableObjectNamespaceGetDurableObjectOptions) =>
      meterStub(ns.getByName(name, opts), cls),
  })
}
