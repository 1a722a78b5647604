import { api } from './api.js'
import { fill, h, money, table, when } from './dom.js'

/** "a --> b : action" lines of the Mermaid text, drawn as states with the order's path marked. */
function diagram(mermaid, visited, current) {
  const states = []
  const edges = []
  for (const line of mermaid.split('\n')) {
    const m = /^\s*(\S+) --> (\S+)(?: : (\S+))?/.exec(line)
    if (!m) continue
    for (const s of [m[1], m[2]]) if (s !== '[*]' && !states.includes(s)) states.push(s)
    if (m[1] !== '[*]' && m[2] !== '[*]') edges.push(`${m[1]} → ${m[2]} (${m[3] ?? ''})`)
  }
  const cls = (s) => (s === current ? 'state current' : visited.has(s) ? 'state visited' : 'state')
  return [
    h(
      'div',
      { class: 'states' },
      states.map((s) => h('span', { class: cls(s), 'data-state': s }, s)),
    ),
    h(
      'details',
      {},
      h('summary', {}, `${edges.length} transitions (Mermaid source)`),
      h('pre', {}, mermaid),
    ),
  ]
}

function timeline(events) {
  return h(
    'ol',
    { class: 'timeline', id: 'timeline' },
    events.map((e) =>
      h(
        'li',
        { 'data-action': e.action },
        h('time', {}, when(e.at)),
        h('b', {}, e.action),
        ` ${e.from ?? '∅'} → ${e.to} `,
        h('span', { class: 'empty' }, `by ${e.actorRole}:${e.actorId}`),
      ),
    ),
  )
}

function labels(order) {
  const rows = Object.entries(order.labels).map(([who, l]) => [[who], [l.en], [l.zh]])
  return table([['perspective'], ['label'], ['标签']], rows)
}

/** Shows the order, or why it cannot be shown: the panel never stays on "Loading…". */
export async function lookUp(id) {
  const target = document.getElementById('lookup-body')
  fill(target, h('p', { class: 'empty' }, `Loading ${id}…`))
  try {
    await show(target, id)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    fill(target, h('p', { class: 'error', id: 'lookup-error', role: 'alert' }, `${id}: ${reason}`))
    throw e
  }
}

async function show(target, id) {
  const path = `/v1/orders/${encodeURIComponent(id)}`
  const [order, history] = await Promise.all([api(path), api(`${path}/history`)])
  const mermaid = await api(`/v1/admin/processes/${order.type}?format=mermaid`)
  const visited = new Set(history.events.map((e) => e.to))
  fill(
    target,
    h(
      'div',
      { id: 'lookup-order', 'data-order': order.id },
      h('h3', {}, `${order.type} order · ${order.status}`),
      h(
        'p',
        {},
        `paid ${money(order.amounts.paid)} of ${money(order.amounts.payable)} · placed ${when(order.createdAt)}`,
      ),
      h('div', { id: 'labels' }, labels(order)),
    ),
    h('div', {}, h('h3', {}, 'Timeline'), timeline(history.events)),
    h(
      'div',
      { id: 'diagram' },
      h('h3', {}, `${order.type} process`),
      diagram(mermaid, visited, order.status),
    ),
  )
}
