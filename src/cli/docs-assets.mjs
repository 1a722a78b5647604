#!/usr/bin/env node
// Copies Swagger UI from node_modules/swagger-ui-dist into public/docs/vendor, so /docs is served
// from the Worker's own assets. Runs after every `npm ci`/`npm install` (postinstall) and again
// before `npm start` and the deploy check; copying only what changed, it is quiet and idempotent.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '..', '..')
const from = path.join(root, 'node_modules', 'swagger-ui-dist')
const to = path.join(root, 'public', 'docs', 'vendor')
const files = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']

export function copyDocsAssets() {
  if (!existsSync(from)) {
    throw new Error('swagger-ui-dist is not installed: run npm ci')
  }
  mkdirSync(to, { recursive: true })
  for (const file of files) {
    const source = path.join(from, file)
    const target = path.join(to, file)
    if (existsSync(target) && readFileSync(target).equals(readFileSync(source))) continue
    copyFileSync(source, target)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  try {
    copyDocsAssets()
  } catch (e) {
    process.stderr.write(`docs assets: ${e instanceof Error ? e.message : e}\n`)
    process.exit(1)
  }
}
