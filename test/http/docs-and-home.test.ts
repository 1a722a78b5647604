import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import script from '../../public/docs/docs.js?raw'
import page from '../../public/docs/index.html?raw'

// The Worker's static assets are served by the platform ahead of the Worker, not through SELF in
// these tests; the browser check (npm run test:e2e) loads the page itself, offline.
describe('the API reference at /docs', () => {
  it('loads only files of the Worker itself', () => {
    const loaded = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(loaded).toEqual([
      '/docs/vendor/swagger-ui.css',
      'data:,',
      '/openapi.json',
      '/docs/vendor/swagger-ui-bundle.js',
      '/docs/docs.js',
    ])
  })

  it('reads this Worker’s document and persists no token', () => {
    expect(script).toContain("url: '/openapi.json'")
    expect(script).toContain('persistAuthorization: false')
    expect(script).not.toMatch(/https?:\/\//)
  })
})

describe('the root', () => {
  it('links the docs, the admin console and the OpenAPI document as JSON', async () => {
    const res = await SELF.fetch('http://x/')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      name: 'edge-order-center',
      links: { docs: '/docs/', admin: '/admin/', openapi: '/openapi.json', health: '/v1/health' },
    })
  })

  it('answers a browser with a page of the same links', async () => {
    const res = await SELF.fetch('http://x/', { headers: { Accept: 'text/html' } })
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    for (const href of ['/docs/', '/admin/', '/openapi.json'])
      expect(html).toContain(`href="${href}"`)
  })
})
