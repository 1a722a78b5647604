import { api, forgetToken, savedToken, saveToken } from './api.js'
import { fill } from './dom.js'
import { lookUp } from './lookup.js'
import { renderFunnel, renderOrders, renderReconciliation, runReconciliation } from './panels.js'
import { currenciesOf, renderSales } from './sales.js'

const $ = (id) => document.getElementById(id)
const day = 86_400_000
const isoDay = (ms) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
let sales = null

function say(text, error = false) {
  fill($('status'), text)
  $('status').className = error ? 'error' : ''
}

function rangeQuery() {
  const tz = -new Date().getTimezoneOffset()
  return `from=${$('range-from').value}&to=${$('range-to').value}&tz=${tz}`
}

function pickCurrency() {
  const select = $('range-currency')
  const chosen = select.value
  const options = currenciesOf(sales)
  fill(
    select,
    options.map((c) =>
      Object.assign(document.createElement('option'), { value: c, textContent: c }),
    ),
  )
  select.value = options.includes(chosen) ? chosen : (options[0] ?? '')
  renderSales(sales, select.value)
}

const openOrder = (id) => {
  $('lookup-id').value = id
  lookUp(id).catch((e) => say(e.message, true))
}

async function refresh() {
  if (!savedToken())
    return say('Paste an admin token to begin (npm run -s token -- admin root).', true)
  say('Loading…')
  try {
    const q = rangeQuery()
    const [s, funnel, recon, orders] = await Promise.all([
      api(`/v1/admin/reports/sales?groupBy=day&${q}`),
      api(`/v1/admin/reports/status-funnel?${q}`),
      api('/v1/admin/reports/reconciliation'),
      api('/v1/admin/orders?limit=15'),
    ])
    sales = s
    pickCurrency()
    renderFunnel(funnel)
    renderReconciliation(recon, openOrder)
    renderOrders(orders, openOrder)
    say(`Updated ${new Date().toLocaleTimeString()}`)
  } catch (e) {
    say(e.message, true)
  }
}

function wire() {
  const tomorrow = Date.now() + day
  $('range-to').value = isoDay(tomorrow)
  $('range-from').value = isoDay(tomorrow - 30 * day)
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault()
    if ($('token-input').value.trim()) saveToken($('token-input').value)
    $('token-input').value = ''
    refresh()
  })
  $('token-forget').addEventListener('click', () => {
    forgetToken()
    say('Token forgotten.')
  })
  $('range-form').addEventListener('submit', (e) => {
    e.preventDefault()
    refresh()
  })
  $('range-currency').addEventListener(
    'change',
    () => sales && renderSales(sales, $('range-currency').value),
  )
  $('lookup-form').addEventListener('submit', (e) => {
    e.preventDefault()
    if ($('lookup-id').value.trim()) openOrder($('lookup-id').value.trim())
  })
  $('recon-run').addEventListener('click', async () => {
    try {
      const run = await runReconciliation()
      say(
        `Reconciliation ${run.id}: ${run.found} found, ${run.healed} healed, ${run.resolved} resolved`,
      )
      renderReconciliation(await api('/v1/admin/reports/reconciliation'), openOrder)
    } catch (e) {
      say(e.message, true)
    }
  })
}

wire()
refresh()
