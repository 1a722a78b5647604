#!/usr/bin/env node
// npm run reset: forgets every local order, stock count, payment and report row by deleting the
// local state of wrangler (D1, Durable Objects, queues). The next `npm start` migrates, seeds and
// stocks the demo again. Stop `npm start` first: a running server keeps its files open.
import { existsSync, rmSync } from 'node:fs'

const state = '.wrangler/state'
if (!existsSync(state)) {
  process.stdout.write('nothing to reset: no local state yet\n')
} else {
  rmSync(state, { recursive: true, force: true })
  process.stdout.write(`local state cleared (${state}); npm start seeds the demo again\n`)
}
