import { env } from 'cloudflare:test'
import { it } from 'vitest'

it('probe', async () => {
  const v = 0
  const p = await env.DB.prepare(
    `EXPLAIN QUERY PLAN SELECT o.currency, SUM(l.qty) FROM orders o CROSS JOIN order_lines l ON l.order_id = o.id WHERE o.paid_at >= ?1 AND o.paid_at < ?2 AND o.status <> 'split' GROUP BY o.currency`,
  )
    .bind(1, 2)
    .all()
  const w = await env.DB.prepare(
    `WITH x(a) AS (VALUES (1),(2),(3)) SELECT a, ROW_NUMBER() OVER (ORDER BY a) rn, COUNT(*) OVER () n FROM x`,
  ).all()
  console.log(JSON.stringify({ v, p: p.results, w: w.results }))
})
