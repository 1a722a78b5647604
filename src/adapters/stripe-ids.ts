/** The id of a Stripe reference, which the API gives as the id or as the expanded object. */
export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.id
