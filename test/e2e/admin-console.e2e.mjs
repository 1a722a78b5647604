// Browser test of the admin console (npm run test:e2e), against a running `npm start`.
// It places and pays an order through the API so there is data, then loads /admin in headless
// Debian Chromium (with Debian's fonts-noto-cjk for the Chinese labels), checks the sales chart
// and its legend, the order's timeline, that an unknown order id ends in an error rather than
// "Loading…", and that nothing is wider than a 420 px screen; screenshots go to test-results/.
// Not part of `npm test`.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { base, chromiumFlags, chromiumPath, results, root, say, waitFor } from './e2e-helpers.mjs'

function mint(...args) {
  return execFileSync('npm', ['run', '-s', 'token', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
  }).trim()
}

async function call(method, route, token, body, headers = {}) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** A paid order of the demo catalog, visible in D1 history before the browser opens. */
async function paidOrder(admin) {
  const buyerId = `e2e-${randomUUID().slice(0, 8)}`
  const buyer = mint('buyer', buyerId)
  const address = {
    name: 'E2E',
    phone: '+86 138 0000 0000',
    region: 'CN-31',
    city: 'Shanghai',
    line1: '1 Test Rd',
  }
  const order = await call(
    'POST',
    '/v1/orders',
    buyer,
    { lines: [{ skuId: 'sku-tea-a', qty: 1 }], address },
    {
      'Idempotency-Key': randomUUID(),
    },
  )
  await call('POST', `/v1/orders/${order.id}/pay`, buyer)
  await waitFor('the paid order in history', async () => {
    const page = await call('GET', `/v1/admin/orders?userId=${buyerId}`, admin)
    return page.items.some((o) => o.id === order.id && o.status !== 'pending_payment')
  })
  return order.id
}

/** Chinese labels need a CJK font; Debian's Chromium draws boxes without one. */
function cjkFonts() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}

/** An unknown id ends the lookup with the API's error, never a lasting "Loading…". */
async function lookUpUnknown(page) {
  await page.fill('#lookup-id', 'ord_doesnotexist0000000000000')
  await page.click('#lookup-go')
  await page.waitForSelector('#lookup-error', { timeout: 15_000 })
  return {
    error: await page.locator('#lookup-error').textContent(),
    panel: await page.locator('#lookup-body').textContent(),
  }
}

/** At 420 px the page scrolls only down: no element makes it wider than the screen. */
async function at420(page, orderId) {
  await page.setViewportSize({ width: 420, height: 900 })
  await page.fill('#lookup-id', orderId)
  await page.click('#lookup-go')
  await page.waitForSelector('#timeline li[data-action="pay"]', { timeout: 15_000 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  await page.screenshot({ path: path.join(results, 'admin-console-420.png'), fullPage: true })
  return { width }
}

async function inBrowser(admin, orderId) {
  const profile = mkdtempSync(path.join(tmpdir(), 'admin-console-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 1000 },
  })
  const errors = []
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${base}/admin/`)
    await page.fill('#token-input', admin)
    await page.click('#token-save')
    await page.waitForSelector('#sales-chart svg rect.bar:not(.zero)', { timeout: 15_000 })
    const bars = await page.locator('#sales-chart rect.bar').count()
    const paidDays = await page.locator('#sales-chart rect.bar:not(.zero)').count()
    await page.waitForSelector('#funnel-body .funnel')
    await page.fill('#lookup-id', orderId)
    await page.click('#lookup-go')
    await page.waitForSelector('#timeline li[data-action="pay"]', { timeout: 15_000 })
    const steps = await page.locator('#timeline li').allTextContents()
    const labels = await page.locator('#labels td').allTextContents()
    const current = await page.locator('#diagram .state.current').textContent()
    const legend = await page.locator('#sales-chart .legend li').allTextContents()
    mkdirSync(results, { recursive: true })
    await page.screenshot({ path: path.join(results, 'admin-console.png'), fullPage: true })
    const unknown = await lookUpUnknown(page)
    const narrow = await at420(page, orderId)
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`)
    return { bars, paidDays, steps, labels, current, legend, unknown, narrow }
  } catch (e) {
    const page = context.pages()[0]
    mkdirSync(results, { recursive: true })
    await page?.screenshot({
      path: path.join(results, 'admin-console-failure.png'),
      fullPage: true,
    })
    throw e
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

try {
  if (!cjkFonts()) {
    throw new Error('no CJK font: apt-get install -y fonts-noto-cjk (Chinese labels draw as boxes)')
  }
  await waitFor(`${base}/v1/health`, async () => (await fetch(`${base}/v1/health`)).ok)
  const admin = mint('admin', 'root')
  const orderId = await paidOrder(admin)
  say(`placed and paid ${orderId}`)
  const seen = await inBrowser(admin, orderId)
  if (seen.paidDays < 1) throw new Error('the sales chart has no paid day')
  if (seen.steps.length < 2) throw new Error(`the timeline has ${seen.steps.length} events`)
  if (!seen.labels.some((l) => l.length > 0)) throw new Error('no perspective labels')
  say(`sales chart: ${seen.bars} days, ${seen.paidDays} with sales`)
  say(`timeline: ${seen.steps.length} events; current state in the diagram: ${seen.current}`)
  if (!seen.legend.some((l) => l.startsWith('net'))) throw new Error(`legend: ${seen.legend}`)
  if (!seen.unknown.error?.includes('NOT_FOUND') || seen.unknown.panel?.includes('Loading')) {
    throw new Error(`unknown order lookup shows: ${seen.unknown.panel}`)
  }
  if (seen.narrow.width > 420) throw new Error(`at 420 px the page is ${seen.narrow.width} px wide`)
  say(`labels: ${seen.labels.filter((_, i) => i % 3 === 1).join(' / ')}`)
  say(`legend: ${seen.legend.join(' | ')}`)
  say(`unknown order: ${seen.unknown.error}`)
  say(`at 420 px: page width ${seen.narrow.width} px (screenshot admin-console-420.png)`)
  say(`ok: screenshot at ${path.relative(root, path.join(results, 'admin-console.png'))}`)
} catch (e) {
  process.stderr.write(`admin console e2e failed: ${e instanceof Error ? e.message : e}\n`)
  process.exit(1)
}
