/** Who takes an action; every process's transitions name the roles allowed. */
export const roles = ['buyer', 'merchant', 'warehouse', 'service', 'admin', 'system'] as const
export type Role = (typeof roles)[number]

/** A guard's refusal: a code for the caller and a message naming what is wrong. */
export interface GuardFailure<C extends string = string> {
  readonly code: C
  readonly message: string
}

/** A named, pure check of a transition against its subject (an order, an after-sale). */
export type Guard<Subject, C extends string> = (
  subject: Subject,
  now: number,
) => GuardFailure<C> | null

/**
 * A timer armed when its state is entered and disarmed when the state is left. Its duration
 * names a wrangler var (seconds); `base`, when set, names a later moment of the subject to count
 * from instead of the state's entry.
 */
export interface TimerRule<K extends string = string, A extends string = string> {
  readonly kind: K
  readonly action: A
  readonly duration: string
  readonly base?: string
}

export interface Transition<S extends string = string, G extends string = string> {
  readonly to: S
  readonly roles: readonly Role[]
  readonly guard?: G
}

/** The words one family of processes speaks: its states, actions, guards, timers and subject. */
export interface Vocabulary {
  readonly state: string
  readonly action: string
  readonly guard: string
  readonly timer: TimerRule
  readonly subject: object
  readonly failure: string
}

/** The table itself: states, actions, targets, roles, guard names and timers, all data. */
export interface ProcessTable<V extends Vocabulary = Vocabulary> {
  /** Which family the table belongs to, so a refusal to start names it. */
  readonly family: 'order' | 'after-sale' | 'subscription'
  readonly type: string
  readonly initial: V['state']
  readonly states: readonly V['state'][]
  readonly terminal: readonly V['state'][]
  readonly actions: readonly V['action'][]
  readonly transitions: {
    readonly [state in V['state']]?: {
      readonly [action in V['action']]?: Transition<V['state'], V['guard']>
    }
  }
  readonly timers: { readonly [state in V['state']]?: readonly V['timer'][] }
}

/** A process: its table and the named guards its transitions refer to. */
export interface ProcessDefinition<V extends Vocabulary = Vocabulary> extends ProcessTable<V> {
  readonly guards: { readonly [name in V['guard']]: Guard<V['subject'], V['failure']> }
}
