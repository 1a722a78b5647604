// What a new Durable Object costs locally, by where its SQLite file lives: Miniflare keeps
// "in-memory" Durable Objects as files under the OS temp directory, so every order actor a
// placement creates is a new database file on that disk. Compares the temp directory in use with
// /dev/shm (RAM), for calls to one existing actor and to a new actor each time.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Miniflare } from 'miniflare'

const out = (text) => process.stdout.write(`${text}\n`)
const script = `
import { DurableObject } from 'cloudflare:workers'
export class Actor extends DurableObject {
  async touch() {
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)')
    this.ctx.storage.sql.exec('INSERT INTO t (v) VALUES (?)', 'x'.repeat(500))
    return 1
  }
}
export default {
  async fetch(req, env) {
    const id = new URL(req.url).searchParams.get('id')
    return new Response(String(await env.ACTOR.get(env.ACTOR.idFromName(id)).touch()))
  },
}`

async function measure(dir, calls, concurrency) {
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2025-09-01',
    durableObjects: { ACTOR: { className: 'Actor', useSQLite: true } },
    durableObjectsPersist: dir,
  })
  const url = await mf.ready
  const rate = async (idOf) => {
    let next = 0
    const t0 = performance.now()
    const lane = async () => {
      while (next < calls) {
        const res = await fetch(`${url}?id=${idOf(next++)}`)
        await res.text()
      }
    }
    await Promise.all(Array.from({ length: concurrency }, lane))
    return (calls / (performance.now() - t0)) * 1000
  }
  try {
    return { same: await rate(() => 'one'), fresh: await rate((i) => `new-${i}`) }
  } finally {
    await mf.dispose()
  }
}

export async function actorBirth() {
  const calls = Number(process.env.BENCH_CALLS ?? 1000)
  const concurrency = 32
  out(`actor birth: ${calls} calls, ${concurrency} clients, one SQLite write per call`)
  const places = [
    [`temp dir (${os.tmpdir()})`, os.tmpdir()],
    ['/dev/shm (RAM)', '/dev/shm'],
  ]
  for (const [label, parent] of places) {
    const dir = await mkdtemp(path.join(parent, 'actor-birth-'))
    try {
      const { same, fresh } = await measure(dir, calls, concurrency)
      out(
        `${label.padEnd(28)} one actor ${same.toFixed(0).padStart(6)} calls/s   ` +
          `a new actor per call ${fresh.toFixed(0).padStart(6)} calls/s`,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
