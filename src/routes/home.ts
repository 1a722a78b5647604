import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

const links = {
  docs: '/docs/',
  admin: '/admin/',
  openapi: '/openapi.json',
  health: '/v1/health',
}

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Edge order center</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
</head>
<body>
<h1>Edge order center</h1>
<p>Orders as Durable Objects on Cloudflare Workers.</p>
<ul>
<li><a href="${links.docs}">API reference</a> (Swagger UI)</li>
<li><a href="${links.admin}">Admin console</a> (paste an admin token)</li>
<li><a href="${links.openapi}">OpenAPI document</a></li>
<li><a href="${links.health}">Health</a></li>
</ul>
</body>
</html>`

/** The root answers where to go next: a page for browsers, JSON for everything else. */
export const homeRouter = new Hono<AppEnv>().get('/', (c) =>
  c.req.header('Accept')?.includes('text/html')
    ? c.html(page)
    : c.json({ name: 'edge-order-center', links }),
)
