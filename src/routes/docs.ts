import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

// Swagger UI loads in the reader's browser; the Worker only serves this page and /openapi.json.
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Edge order center API</title>
  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', persistAuthorization: true })
  </script>
</body>
</html>`

export const docsRouter = new Hono<AppEnv>().get('/docs', (c) => c.html(page))
