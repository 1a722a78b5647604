// Lines of `wrangler dev` that say nothing to someone running the order center locally.
import { Transform } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'

const noise = [
  /^Using secrets defined in /,
  /^Your Worker has access to the following bindings/,
  /^Binding\s+Resource\s+Mode/,
  /^env\.\S+ \(.*\)\s+\S/,
  /Starting local server/,
  // wrangler's own line per request; the Worker logs its own, with the request id.
  /^\[wrangler:info\]/,
  /Scheduled Workers are not automatically triggered/,
  /To manually trigger a scheduled event/,
  /curl ".*\/cdn-cgi\/handler\/scheduled"/,
  /For more details, see .*cron-triggers/,
  /^\s*$/,
]

/**
 * A line filter for wrangler dev's stdout or stderr. Until `ready()` says so, the Worker's info
 * lines (the start-up's own requests) are dropped too, so the summary block comes last.
 */
export function devOutputFilter(ready = () => true) {
  let rest = ''
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n')
      rest = lines.pop() ?? ''
      const kept = lines.filter((line) => {
        const plain = stripVTControlCharacters(line)
        if (!ready() && plain.startsWith('{"level":"info"')) return false
        return !noise.some((n) => n.test(plain))
      })
      done(null, kept.length > 0 ? `${kept.join('\n')}\n` : '')
    },
    flush(done) {
      done(null, rest)
    },
  })
}
