// node --test (run by npm test): the pieces of npm start that need no server.
import assert from 'node:assert/strict'
import net from 'node:net'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, it } from 'node:test'
import { devOutputFilter } from '../src/cli/dev-output.mjs'
import { chosenPort, portIsFree } from '../src/cli/local-env.mjs'

describe('npm start', () => {
  it('takes --port, then --port=, then PORT, then 8787', () => {
    assert.equal(chosenPort(['--port', '8800'], { PORT: '9000' }), 8800)
    assert.equal(chosenPort(['--port=8801'], {}), 8801)
    assert.equal(chosenPort([], { PORT: '9000' }), 9000)
    assert.equal(chosenPort([], {}), 8787)
    assert.throws(() => chosenPort(['--port', 'abc'], {}), /1 to 65535, not "abc"/)
    assert.throws(() => chosenPort([], { PORT: '70000' }), /not "70000"/)
  })

  it('sees a port that something listens on as busy', async () => {
    const server = net.createServer()
    await new Promise((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address()
    assert.equal(await portIsFree(port), false)
    await new Promise((r) => server.close(r))
    assert.equal(await portIsFree(port), true)
  })

  it("keeps the Worker's lines and drops wrangler's chatter", async () => {
    const out = [
      'Using secrets defined in .dev.vars',
      'Your Worker has access to the following bindings:',
      'Binding                 Resource          Mode',
      'env.DB (order-center)   D1 Database       local',
      '⎔ Starting local server...',
      '[wrangler:info] Ready on http://127.0.0.1:8787',
      '[wrangler:info] GET /v1/health 200 OK (3ms)',
      '{"level":"info","msg":"request","status":200}',
      '{"level":"error","msg":"request failed"}',
      '✘ [ERROR] something real',
      '',
    ].join('\n')
    const kept = await text(Readable.from([out]).pipe(devOutputFilter()))
    assert.equal(
      kept,
      '{"level":"info","msg":"request","status":200}\n{"level":"error","msg":"request failed"}\n✘ [ERROR] something real\n',
    )
    const early = await text(Readable.from([out]).pipe(devOutputFilter(() => false)))
    assert.equal(early, '{"level":"error","msg":"request failed"}\n✘ [ERROR] something real\n')
  })
})
