import { type BucketIdentity, borrowUnits, SIBLINGS_EMPTY_MS } from './borrowing'
import type { StockNamespace } from './names'

/**
 * What one bucket knows of its siblings between calls, in memory only: whether it found them all
 * empty lately, and the borrowing round in flight. Losing it (the actor was evicted) costs one
 * probe of the siblings, never a wrong answer.
 */
export class SiblingMemory {
  private emptyUntil = 0
  private round: Promise<void> | null = null

  constructor(private readonly ns: () => StockNamespace) {}

  /** Every sibling was seen empty, with nothing on its way between them, within the last while. */
  allEmpty(now: number = Date.now()): boolean {
    return now < this.emptyUntil
  }

  /** Stock came to this bucket, or it lent some to a sibling: its siblings may be asked again. */
  forget(): void {
    this.emptyUntil = 0
  }

  /** One borrowing round at a time: concurrent short reserves wait for it and look again. */
  async borrow(self: BucketIdentity, want: number): Promise<void> {
    if (!this.round) {
      this.round = borrowUnits(this.ns(), self, want)
        .then((r) => {
          if (r.siblingsEmpty) this.emptyUntil = Date.now() + SIBLINGS_EMPTY_MS
        })
        .finally(() => {
          this.round = null
        })
    }
    await this.round
  }
}
