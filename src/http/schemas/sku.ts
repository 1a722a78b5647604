import { z } from '@hono/zod-openapi'
import { orderTypes } from '../../domain/process/order-types'
import { MoneySchema } from './money'

/** A SKU as the catalog sells it now. */
export const SkuSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    title: z.string(),
    categoryId: z.string().nullable(),
    price: MoneySchema,
    weightGrams: z.number().int(),
    volumeCm3: z.number().int(),
    fragile: z.boolean(),
    oversized: z.boolean(),
    onSale: z.boolean(),
    orderType: z.enum(orderTypes),
    presaleDeposit: MoneySchema.nullable(),
    presaleBalanceStartsAt: z.string().nullable(),
    crossBorder: z.boolean(),
    shipsAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Sku')
