/**
 * Group commit for the actors' D1 flushes. Durable Objects of one class share an isolate, and in
 * a flash sale every new order flushes its placement within the same moments: flushes that arrive
 * while a batch is in flight wait and go together in the next one, one D1 transaction for many
 * orders instead of one each. A lone flush goes at once, so a quiet system waits for nothing.
 *
 * Each batch runs in the context of an actor that is waiting for it (the first in line leads the
 * next batch), never in one that already went on. A failed group is retried member by member, so
 * one bad flush fails only itself; a member that waited longer than `leadTimeoutMs` for a leader
 * sends alone.
 */
type Turn = 'done' | 'lead' | 'alone'

interface Member {
  readonly statements: D1PreparedStatement[]
  settle(turn: Turn): void
}

/** A D1 batch of more statements than this counts too much against one invocation's limits. */
export const maxGroupStatements = 200
export const leadTimeoutMs = 2_000

const waiting: Member[] = []
let leading = false
/** When the current leader took its batch; a lead older than the timeout is taken as abandoned. */
let ledAt = 0

/** The waiting flushes that fit beside the leader's own `size` statements, first come first. */
function takeGroup(size: number): Member[] {
  const group: Member[] = []
  while (waiting.length > 0) {
    const next = waiting[0] as Member
    if (size + next.statements.length > maxGroupStatements) break
    waiting.shift()
    group.push(next)
    size += next.statements.length
  }
  return group
}

function handOver(): void {
  const next = waiting.shift()
  leading = next !== undefined
  ledAt = Date.now()
  next?.settle('lead')
}

async function lead(db: D1Database, own: D1PreparedStatement[]): Promise<void> {
  const others = takeGroup(own.length)
  try {
    if (others.length > 0) await db.batch([...own, ...others.flatMap((m) => m.statements)])
    else await db.batch(own)
  } catch (error) {
    for (const m of others) m.settle('alone')
    if (others.length === 0) throw error
    await db.batch(own)
    return
  } finally {
    handOver()
  }
  for (const m of others) m.settle('done')
}

function waitTurn(statements: D1PreparedStatement[]): Promise<Turn> {
  return new Promise<Turn>((resolve) => {
    let settled = false
    const member: Member = {
      statements,
      settle(turn) {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(turn)
      },
    }
    const timer = setTimeout(() => {
      const at = waiting.indexOf(member)
      if (at >= 0) waiting.splice(at, 1)
      member.settle('alone')
    }, leadTimeoutMs)
    waiting.push(member)
  })
}

/** Runs `statements` in one D1 transaction, together with whatever flushes are waiting. */
export async function commitTogether(
  db: D1Database,
  statements: D1PreparedStatement[],
): Promise<void> {
  if (statements.length === 0) return
  if (!leading || Date.now() - ledAt > leadTimeoutMs) {
    leading = true
    ledAt = Date.now()
    return lead(db, statements)
  }
  const turn = await waitTurn(statements)
  if (turn === 'done') return
  if (turn === 'lead') return lead(db, statements)
  await db.batch(statements)
}
