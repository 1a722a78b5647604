import type { Address } from './order'
import type { OrderType } from './process/order-types'

/** A SKU as the catalog describes it now; an order copies what it needs at placement. */
export interface CatalogSku {
  readonly id: string
  readonly storeId: string
  readonly title: string
  readonly categoryId: string | null
  readonly priceAmount: number
  readonly currency: string
  readonly weightGrams: number
  readonly volumeCm3: number
  readonly fragile: boolean
  readonly oversized: boolean
  readonly onSale: boolean
  readonly orderType: OrderType
  readonly presaleDepositAmount: number | null
  readonly presaleBalanceStartsAt: number | null
  /** Customs caps the value of cross-border goods per package. */
  readonly crossBorder: boolean
  /** When the goods can ship, if later than now (pre-order stock); null ships at once. */
  readonly shipsAt: number | null
  readonly version: number
}

export interface CatalogStore {
  readonly id: string
  readonly name: string
  readonly currency: string
  /** Where the store takes goods back: the default of every approval of a return. */
  readonly returnAddress?: Address | null
}
