// npm run bench -- <scenario>   (scenarios: place, flash; default place)
// Every figure is printed beside the floor of the same run: a no-op request (GET /v1/health)
// through the same Worker, so the ratio survives a noisy machine.
import { scenarios } from './scenarios.mjs'

const name = process.argv[2] ?? 'place'
const scenario = scenarios[name]
if (!scenario) {
  process.stderr.write(`unknown scenario ${name}; one of: ${Object.keys(scenarios).join(', ')}\n`)
  process.exit(2)
}
await scenario()
