// Swagger UI from this Worker's own assets (copied from swagger-ui-dist by
// src/cli/docs-assets.mjs), reading this Worker's /openapi.json: the page needs no network beyond
// the Worker. Tokens typed into "Authorize" live only as long as the tab: nothing is persisted.
window.ui = window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: false,
  validatorUrl: null,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
})
