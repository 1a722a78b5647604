import { fill, h, money } from './dom.js'

const W = 900
const H = 260
const pad = { left: 8, right: 8, top: 24, bottom: 28 }

/** Bars of paid per day, the net (paid - refunds) as a line; amounts stay integers. */
function chart(rows) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.paid.amount, r.net?.amount ?? 0]))
  const plotW = W - pad.left - pad.right
  const plotH = H - pad.top - pad.bottom
  const step = plotW / Math.max(rows.length, 1)
  const y = (amount) => pad.top + plotH - (Math.max(amount, 0) / max) * plotH
  const bars = rows.map((r, i) => {
    const top = y(r.paid.amount)
    return h(
      'rect',
      {
        class: r.paid.amount > 0 ? 'bar' : 'bar zero',
        x: (pad.left + i * step + step * 0.15).toFixed(1),
        y: top.toFixed(1),
        width: Math.max(step * 0.7, 1).toFixed(1),
        height: Math.max(pad.top + plotH - top, 1).toFixed(1),
        'data-day': r.key,
        'data-paid': r.paid.amount,
      },
      h('title', {}, `${r.key}: paid ${money(r.paid)}, ${r.orders} orders, net ${money(r.net)}`),
    )
  })
  const points = rows
    .map(
      (r, i) =>
        `${(pad.left + i * step + step / 2).toFixed(1)},${y(r.net?.amount ?? 0).toFixed(1)}`,
    )
    .join(' ')
  const label = (i, anchor) =>
    rows[i] &&
    h('text', { x: pad.left + i * step + step / 2, y: H - 8, 'text-anchor': anchor }, rows[i].key)
  const last = rows.length - 1
  return h(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'paid per day' },
    h(
      'text',
      { x: pad.left, y: 14 },
      `max ${money({ amount: max, currency: rows[0]?.currency ?? '' })}`,
    ),
    h('line', {
      x1: pad.left,
      x2: W - pad.right,
      y1: pad.top + plotH,
      y2: pad.top + plotH,
      stroke: '#d9dee5',
    }),
    bars,
    rows.length > 1 ? h('polyline', { class: 'net', points }) : null,
    label(0, 'start'),
    last > 1 ? label(Math.floor(last / 2), 'middle') : null,
    last > 0 ? label(last, 'end') : null,
  )
}

/** What the bars and the line are. */
function legend() {
  const item = (cls, text) => h('li', {}, h('span', { class: `swatch ${cls}` }), text)
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'legend' },
    item('bar', 'paid per day'),
    item('net', 'net per day (paid − refunds)'),
  )
}

function totals(t) {
  const figure = (label, value) => h('div', {}, h('b', {}, value), h('span', {}, label))
  return [
    figure('orders paid', t.orders),
    figure('units', t.units),
    figure('paid', money(t.paid)),
    figure(
      'discounts',
      money({
        amount: Object.values(t.discounts).reduce((s, m) => s + m.amount, 0),
        currency: t.currency,
      }),
    ),
    figure('freight', money(t.freight)),
    figure('refunds', money(t.refunds)),
    figure('net', money(t.net)),
  ]
}

export function renderSales(report, currency) {
  const rows = report.rows.filter((r) => r.currency === currency)
  const total = report.totals.find((t) => t.currency === currency)
  fill(document.getElementById('sales-totals'), total ? totals(total) : [])
  const target = document.getElementById('sales-chart')
  if (rows.length === 0) fill(target, h('p', { class: 'empty' }, 'No sales in this range.'))
  else fill(target, chart(rows), legend())
}

/** Every currency that has sales, for the picker; the first one is shown by default. */
export const currenciesOf = (report) => [...new Set(report.totals.map((t) => t.currency))]
