/**
 * Group commit for the actors' D1 flushes. Durable Objects of one class may share an isolate; in
 * a flash sale every new order flushes its placement within the same moments: flushes that arrive
 * while a batch is in flight wait and go together in the next one, one D1 transaction for many
 * orders instead of one each. A lone flush goes at once, so a quiet system waits for nothing.
 *
 * A Durable Object may not resume on a promise that another one settles (its storage would be
 * touched from the other's context), so nothing here is awaited across actors: the leader only
 * writes each member's outcome into its slot, and each waiter reads its own slot on its own
 * timer. The first in line leads the next batch, from its own context. A failed group is retried
 * member by member, so one bad flush fails only itself; a member that waited longer than
 * `leadTimeoutMs` sends alone, and a lead that old is taken as abandoned.
 */
type Turn = 'done' | 'lead' | 'alone'

interface Member {
  readonly statements: D1PreparedStatement[]
  turn: Turn | null
}

/** A D1 batch of more statements than this counts too much against one invocation's limits. */
const maxGroupStatements = 200
export const leadTimeoutMs = 2_000
/** How often a waiter looks at its slot: first soon, then less often, never rarer than this. */
const maxPollMs = 8

const waiting: Member[] = []
let leading = false
/** When the current leader took its batch. */
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
  if (next) next.turn = 'lead'
}

async function lead(db: D1Database, own: D1PreparedStatement[]): Promise<void> {
  const others = takeGroup(own.length)
  try {
    await db.batch(others.length > 0 ? [...own, ...others.flatMap((m) => m.statements)] : own)
  } catch (error) {
    for (const m of others) m.turn = 'alone'
    if (others.length === 0) throw error
    await db.batch(own)
    return
  } finally {
    handOver()
  }
  for (const m of others) m.turn = 'done'
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function waitTurn(member: Member): Promise<Turn> {
  const started = Date.now()
  for (let wait = 1; member.turn === null; wait = Math.min(wait * 2, maxPollMs)) {
    if (Date.now() - started >= leadTimeoutMs) {
      // Taken into a batch that never answered, or never taken: either way it goes alone, which
      // is safe because a flush's statements may run twice.
      const at = waiting.indexOf(member)
      if (at >= 0) waiting.splice(at, 1)
      return 'alone'
    }
    await pause(wait)
  }
  return member.turn
}

/**
 * Runs `statements` in one D1 transaction, together with whatever flushes are waiting. They must
 * be safe to run twice (insert-or-ignore, upserts that only move forward), as history flushes are.
 */
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
  const member: Member = { statements, turn: null }
  waiting.push(member)
  const turn = await waitTurn(member)
  if (turn === 'done') return
  if (turn === 'lead') return lead(db, statements)
  await db.batch(statements)
}
