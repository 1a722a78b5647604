import type { WmsOrder } from '../../src/domain/wms-order'
import { uid } from './ids'

export const shanghai = {
  name: 'Alice',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Century Ave',
}

/** An order as the queue consumer pushes it, under a fresh id. */
export function wmsOrder(overrides: Partial<WmsOrder> = {}): WmsOrder {
  return {
    orderId: uid('ord'),
    version: 3,
    storeId: 'store-a',
    lines: [{ lineNo: 1, skuId: 'sku-tea-a', qty: 2, warehouseId: 'wh-sh' }],
    address: shanghai,
    ...overrides,
  }
}
