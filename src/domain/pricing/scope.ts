import type { CartLine, Scope } from './types'

type Dimension = readonly [keyof Scope, (line: CartLine) => string]

const dimensions: readonly Dimension[] = [
  ['storeIds', (line) => line.storeId],
  ['skuIds', (line) => line.skuId],
  ['categoryIds', (line) => line.categoryId],
]

/** True when the line matches every dimension the scope names (an absent one matches all). */
export function inScope(scope: Scope, line: CartLine): boolean {
  return dimensions.every(([key, lineValue]) => {
    const allowed = scope[key]
    return allowed === undefined || allowed.includes(lineValue(line))
  })
}

/** Cart positions of the lines the predicate accepts, in cart order. */
export function indexesWhere(
  lines: readonly CartLine[],
  accept: (line: CartLine, index: number) => boolean,
): number[] {
  return lines.flatMap((line, index) => (accept(line, index) ? [index] : []))
}

export function sumAt(amounts: readonly number[], indexes: readonly number[]): number {
  return indexes.reduce((acc, i) => acc + (amounts[i] ?? 0), 0)
}
