// A bounded closed-loop load generator: `concurrency` clients each send the next request as soon
// as the previous answers, until `total` requests are done. Prints figures; never fails on time.
import { performance } from 'node:perf_hooks'

function percentile(sorted, p) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export async function drive({ total, concurrency, request }) {
  const latencies = []
  const statuses = new Map()
  let next = 0
  const started = performance.now()
  async function client() {
    while (next < total) {
      const i = next++
      const t0 = performance.now()
      const res = await request(i)
      latencies.push(performance.now() - t0)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      await res.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: total,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses: Object.fromEntries(statuses),
  }
}

export function show(label, r) {
  const fmt = (n) => n.toFixed(1).padStart(8)
  const codes = Object.entries(r.statuses)
    .map(([s, n]) => `${s}x${n}`)
    .join(' ')
  process.stdout.write(
    `${label.padEnd(34)} ${fmt(r.perSecond)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  [${codes}]\n`,
  )
}
