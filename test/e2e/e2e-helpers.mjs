// Shared by the browser checks: where the server is, which Chromium, and a patient wait.
import path from 'node:path'

export const base = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`
export const root = path.resolve(import.meta.dirname, '..', '..')
export const results = path.join(root, 'test-results')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const say = (text) => process.stdout.write(`${text}\n`)

export async function waitFor(what, check, tries = 60) {
  for (let i = 0; i < tries; i++) {
    try {
      if (await check()) return
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`timed out waiting for ${what}`)
}
