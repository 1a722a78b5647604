/**
 * The one result shape: success carries its fields beside `ok: true`, failure is a value with a
 * code. Domain code and actors return these instead of throwing (error classes do not survive
 * RPC); the HTTP layer maps the code to a status. `src/errors.ts` narrows the failure to the
 * API's error codes.
 */
export type Outcome<T extends object, F extends { readonly ok: false }> =
  | ({ readonly ok: true } & T)
  | F

/** A domain rule's refusal: its code, a message naming what is wrong, and the facts behind it. */
export interface Failure<C extends string = string> {
  readonly ok: false
  readonly code: C
  readonly message: string
  readonly details: Readonly<Record<string, unknown>>
}

/** A domain computation's answer: its value, or why there is none. */
export type Result<T extends object, C extends string = string> = Outcome<T, Failure<C>>
