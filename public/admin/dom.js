// Small DOM helpers. Text always goes in as text nodes, never as HTML: ids, reasons and titles
// come from buyers and merchants.

export function h(tag, props = {}, ...children) {
  const svg = ['svg', 'rect', 'polyline', 'line', 'text', 'title', 'g'].includes(tag)
  const el = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag)
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v)
    else el.setAttribute(k, String(v))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return el
}

export function fill(el, ...children) {
  el.replaceChildren()
  for (const child of children.flat()) if (child) el.append(child)
}

const digitsCache = new Map()
function digitsOf(currency) {
  if (!digitsCache.has(currency)) {
    let digits = 2
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits
    } catch {
      // an unknown code keeps two digits
    }
    digitsCache.set(currency, digits)
  }
  return digitsCache.get(currency)
}

/** Integer minor units as text, without ever dividing money into a float. */
export function money(m) {
  if (!m) return '—'
  const digits = digitsOf(m.currency)
  const sign = m.amount < 0 ? '-' : ''
  const text = String(Math.abs(m.amount)).padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = digits > 0 ? `.${text.slice(-digits)}` : ''
  return `${sign}${whole}${frac} ${m.currency}`
}

export function duration(ms) {
  const min = Math.round(ms / 60000)
  if (min < 1) return `${Math.round(ms / 1000)} s`
  if (min < 120) return `${min} min`
  const hours = Math.round(min / 60)
  if (hours < 48) return `${hours} h`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}

export const when = (iso) => new Date(iso).toLocaleString()

export function table(headers, rows) {
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map(([label, cls]) => h('th', { class: cls }, label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map(([v, cls]) => h('td', { class: cls }, v)),
        ),
      ),
    ),
  )
}
