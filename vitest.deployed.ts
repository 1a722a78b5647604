import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * A copy of wrangler.toml in a folder of its own, with its paths made absolute. The pool reads
 * `.dev.vars` beside the config it is given; beside this copy there is none, so the Worker gets
 * exactly the variables wrangler.toml deploys, plus the secrets a test names.
 */
export function deployedWranglerConfig(root: string): string {
  const dir = path.join(root, '.wrangler', 'deployed-config')
  mkdirSync(dir, { recursive: true })
  const abs = (p: string) => JSON.stringify(path.join(root, p))
  const text = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
    .replace(/^main = "(.+)"$/m, (_: string, p: string) => `main = ${abs(p)}`)
    .replace(/^directory = "(.+)"$/m, (_: string, p: string) => `directory = ${abs(p)}`)
    .replace(/^migrations_dir = "(.+)"$/m, (_: string, p: string) => `migrations_dir = ${abs(p)}`)
  const file = path.join(dir, 'wrangler.toml')
  writeFileSync(file, text)
  return file
}
