import type { OrderType } from './process/types'

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
  readonly version: number
}

export interface CatalogStore {
  readonly id: string
  readonly name: string
  readonly currency: string
}
