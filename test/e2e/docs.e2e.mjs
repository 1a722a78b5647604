// Browser check of /docs (npm run test:e2e), against a running `npm start`: headless Debian
// Chromium with every request outside the Worker blocked, so the page must render the operations
// list from the Worker's own assets alone. Not part of `npm test`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { base, chromiumFlags, chromiumPath, results, root, say, waitFor } from './e2e-helpers.mjs'

async function inBrowser(operations) {
  const profile = mkdtempSync(path.join(tmpdir(), 'docs-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 1000 },
  })
  const outside = []
  const errors = []
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue()
      outside.push(url)
      return route.abort('internetdisconnected')
    })
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${base}/docs/`)
    await page.waitForSelector('.opblock', { timeout: 20_000 })
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length >= n, operations)
    const shown = await page.locator('.opblock').count()
    const title = await page.locator('.info .title').first().textContent()
    const stored = await page.evaluate(() => Object.keys(window.localStorage))
    mkdirSync(results, { recursive: true })
    await page.screenshot({ path: path.join(results, 'docs.png') })
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`)
    return { shown, title, stored, outside }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

try {
  await waitFor(`${base}/v1/health`, async () => (await fetch(`${base}/v1/health`)).ok)
  const spec = await (await fetch(`${base}/openapi.json`)).json()
  // Swagger UI lists an operation once under each of its tags.
  const operations = Object.values(spec.paths)
    .flatMap((item) => Object.values(item))
    .reduce((n, op) => n + Math.max(1, op.tags?.length ?? 0), 0)
  const seen = await inBrowser(operations)
  if (seen.outside.length > 0)
    throw new Error(`the page asked the network: ${seen.outside.join(', ')}`)
  if (seen.shown !== operations) {
    throw new Error(
      `the page lists ${seen.shown} operations; the document has ${operations} (one per tag)`,
    )
  }
  if (seen.stored.some((k) => /auth/i.test(k))) {
    throw new Error(`the page stored ${seen.stored.join(', ')}`)
  }
  say(`docs: "${seen.title?.trim()}", ${seen.shown} operations listed, no request left the Worker`)
  say(`ok: screenshot at ${path.relative(root, path.join(results, 'docs.png'))}`)
} catch (e) {
  process.stderr.write(`docs e2e failed: ${e instanceof Error ? e.message : e}\n`)
  process.exit(1)
}
