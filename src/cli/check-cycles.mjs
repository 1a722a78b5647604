#!/usr/bin/env node
// npm run check:cycles: fails when modules of src/ or durable-objects/ import each other in a
// circle. Every static import, re-export and `import()` counts, type-only ones too: a circle of
// types still ties the files together, so a reader cannot understand one without the other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..')
const roots = ['src', 'durable-objects']
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : []
  })
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec)
  const candidates = [base, `${base}.ts`, `${base}.d.ts`, `${base}.mjs`, join(base, 'index.ts')]
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null
}

function graphOf(files) {
  const graph = new Map()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const deps = new Set()
    for (const m of text.matchAll(specifier)) {
      const target = resolveImport(file, m[1])
      if (target && files.has(target)) deps.add(target)
    }
    graph.set(file, [...deps])
  }
  return graph
}

/** Tarjan's strongly connected components: every component of more than one file is a circle. */
function circles(graph) {
  let index = 0
  const stack = []
  const meta = new Map()
  const found = []
  function visit(v) {
    meta.set(v, { index, low: index, onStack: true })
    index++
    stack.push(v)
    for (const w of graph.get(v) ?? []) {
      if (!meta.has(w)) {
        visit(w)
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low)
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index)
      }
    }
    if (meta.get(v).low !== meta.get(v).index) return
    const component = []
    let w
    do {
      w = stack.pop()
      meta.get(w).onStack = false
      component.push(w)
    } while (w !== v)
    const selfLoop = (graph.get(v) ?? []).includes(v)
    if (component.length > 1 || selfLoop) found.push(component)
  }
  for (const v of graph.keys()) if (!meta.has(v)) visit(v)
  return found
}

const files = new Set(roots.flatMap((r) => sources(join(root, r))))
const found = circles(graphOf(files))
if (found.length === 0) {
  process.stdout.write(`no import cycle among ${files.size} modules of ${roots.join(', ')}\n`)
} else {
  for (const component of found) {
    const names = component.map((f) => relative(root, f)).sort()
    process.stderr.write(`import cycle of ${names.length} files:\n  ${names.join('\n  ')}\n`)
  }
  process.exit(1)
}
