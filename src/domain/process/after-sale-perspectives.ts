import type { AfterSaleStatus, AfterSaleType } from './after-sale-types'
import type { Label, Perspective } from './perspectives'

type LabelRow = Readonly<Record<Perspective, Label>>

const l = (en: string, zh: string): Label => ({ en, zh })

/**
 * One after-sale status, four audiences, like the order's own labels:
 * the buyer reads what to do next, the merchant what it owes, the warehouse what arrives or
 * leaves, customer service where the case stands.
 */
export const afterSaleLabels: Readonly<Record<AfterSaleStatus, LabelRow>> = {
  pending_review: {
    buyer: l('Awaiting merchant review', '待商家审核'),
    merchant: l('To review', '待审核'),
    warehouse: l('Nothing yet', '暂无操作'),
    service: l('Under review', '审核中'),
  },
  pending_return: {
    buyer: l('Send the goods back', '待寄回商品'),
    merchant: l('Awaiting return', '待买家退货'),
    warehouse: l('Return expected', '待退货入库'),
    service: l('Awaiting the buyer’s return', '等待买家退货'),
  },
  pending_refund: {
    buyer: l('Refund in progress', '退款中'),
    merchant: l('To refund', '待退款'),
    warehouse: l('Received', '已入库'),
    service: l('Refund pending', '待退款'),
  },
  pending_exchange_return: {
    buyer: l('Send the goods back for exchange', '待寄回换货商品'),
    merchant: l('Awaiting exchange return', '待买家寄回换货'),
    warehouse: l('Exchange return expected', '待换货入库'),
    service: l('Exchange: awaiting return', '换货待寄回'),
  },
  exchange_outbound: {
    buyer: l('Replacement being sent', '换货发出中'),
    merchant: l('Send the replacement', '待发出换货'),
    warehouse: l('Replacement to ship', '换货待出库'),
    service: l('Exchange: replacement shipping', '换货出库中'),
  },
  pending_repair_return: {
    buyer: l('Send the goods back for repair', '待寄回维修商品'),
    merchant: l('Awaiting repair return', '待买家寄回维修'),
    warehouse: l('Repair return expected', '待维修入库'),
    service: l('Repair: awaiting return', '维修待寄回'),
  },
  repairing: {
    buyer: l('Being repaired', '维修中'),
    merchant: l('Repair and send back', '待维修寄回'),
    warehouse: l('Repaired item to ship', '维修品待出库'),
    service: l('Repair: in the workshop', '维修中'),
  },
  succeeded: {
    buyer: l('After-sale completed', '售后成功'),
    merchant: l('Completed', '售后完成'),
    warehouse: l('Done', '已完成'),
    service: l('Succeeded', '售后成功'),
  },
  rejected: {
    buyer: l('Request declined', '申请被拒绝'),
    merchant: l('Rejected', '已拒绝'),
    warehouse: l('Cancelled', '已取消'),
    service: l('Rejected by the merchant', '商家已拒绝'),
  },
  closed: {
    buyer: l('Closed', '售后关闭'),
    merchant: l('Closed', '已关闭'),
    warehouse: l('Cancelled', '已取消'),
    service: l('Closed without refund', '已关闭（未退款）'),
  },
}

/** The kind of request, as every audience names it. */
export const afterSaleTypeLabels: Readonly<Record<AfterSaleType, Label>> = {
  refund_only: l('Refund only', '仅退款'),
  return_refund: l('Return and refund', '退货退款'),
  exchange: l('Exchange', '换货'),
  repair: l('Repair', '维修'),
}

export function afterSaleLabelsFor(status: AfterSaleStatus): LabelRow {
  return afterSaleLabels[status]
}
