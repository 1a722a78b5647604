import { api } from './api.js'
import { duration, fill, h, money, table, when } from './dom.js'

export function renderFunnel(report) {
  const target = document.getElementById('funnel-body')
  if (report.types.length === 0)
    return fill(target, h('p', { class: 'empty' }, 'No orders placed in this range.'))
  fill(
    target,
    report.types.map((t) => {
      const most = Math.max(1, ...t.statuses.map((s) => s.orders))
      const statusRows = t.statuses.map((s) => [
        [s.status],
        [String(s.orders), 'num'],
        [h('div', { class: 'meter', style: `width:${Math.round((s.orders / most) * 100)}%` })],
      ])
      const stepRows = t.steps.map((s) => [
        [`${s.from} → ${s.to}`],
        [String(s.orders), 'num'],
        [duration(s.medianMs), 'num'],
      ])
      return h(
        'div',
        { class: 'funnel', 'data-type': t.type },
        h('h3', {}, `${t.type} · ${t.placed} placed`),
        table([['status'], ['orders', 'num'], ['']], statusRows),
        stepRows.length ? table([['step'], ['orders', 'num'], ['median', 'num']], stepRows) : null,
      )
    }),
  )
}

export function renderReconciliation(report, onOrder) {
  const last = report.lastRun
  fill(
    document.getElementById('recon-last'),
    last
      ? `last run ${when(last.startedAt)} (${last.trigger}): ${last.found} found, ${last.healed} healed, ${last.resolved} resolved`
      : 'never run',
  )
  const target = document.getElementById('recon-body')
  if (report.open.length === 0)
    return fill(target, h('p', { class: 'empty' }, 'No open mismatches.'))
  const rows = report.open.map((m) => [
    [h('span', { class: 'kind' }, m.kind)],
    [h('a', { href: '#lookup', class: 'order', onclick: () => onOrder(m.orderId) }, m.orderId)],
    [money(m.expected), 'num'],
    [money(m.actual), 'num'],
    [m.detail],
    [when(m.at)],
  ])
  fill(
    target,
    table(
      [['kind'], ['order'], ['expected', 'num'], ['actual', 'num'], ['detail'], ['when']],
      rows,
    ),
  )
}

export async function runReconciliation() {
  return api('/v1/admin/reconciliation/run', { method: 'POST', body: '{}' })
}

export function renderOrders(page, onOrder) {
  const target = document.getElementById('orders-body')
  if (page.items.length === 0) return fill(target, h('p', { class: 'empty' }, 'No orders yet.'))
  const rows = page.items.map((o) => [
    [h('a', { href: '#lookup', class: 'order', onclick: () => onOrder(o.id) }, o.id)],
    [o.type],
    [o.status],
    [money(o.paid), 'num'],
    [when(o.createdAt)],
  ])
  fill(target, table([['order'], ['type'], ['status'], ['paid', 'num'], ['created']], rows))
}
