import type { OrderStatus } from './order-types'

export const perspectives = ['buyer', 'merchant', 'warehouse', 'service'] as const
export type Perspective = (typeof perspectives)[number]

export interface Label {
  readonly en: string
  readonly zh: string
}

type LabelRow = Readonly<Record<Perspective, Label>>

const l = (en: string, zh: string): Label => ({ en, zh })

/**
 * One status, four audiences: the same fact reads differently to whoever acts on it. Buyer
 * "shipped" is merchant "awaiting receipt" is warehouse "outbound".
 */
export const statusLabels: Readonly<Record<OrderStatus, LabelRow>> = {
  pending_payment: {
    buyer: l('To pay', '待付款'),
    merchant: l('Awaiting payment', '待买家付款'),
    warehouse: l('Not released', '未下发'),
    service: l('Unpaid', '未支付'),
  },
  pending_deposit: {
    buyer: l('Deposit to pay', '待付定金'),
    merchant: l('Awaiting deposit', '待买家付定金'),
    warehouse: l('Not released', '未下发'),
    service: l('Deposit unpaid', '定金未付'),
  },
  pending_balance: {
    buyer: l('Balance to pay', '待付尾款'),
    merchant: l('Awaiting balance', '待买家付尾款'),
    warehouse: l('Not released', '未下发'),
    service: l('Deposit paid, balance unpaid', '已付定金，尾款未付'),
  },
  pending_shipment: {
    buyer: l('To ship', '待发货'),
    merchant: l('To ship', '待发货'),
    warehouse: l('To pick', '待拣货'),
    service: l('Paid, not shipped', '已付款未发货'),
  },
  pending_receipt: {
    buyer: l('Shipped', '已发货'),
    merchant: l('Awaiting receipt', '待买家收货'),
    warehouse: l('Outbound', '已出库'),
    service: l('In transit', '运输中'),
  },
  completed: {
    buyer: l('Completed', '已完成'),
    merchant: l('Completed', '交易成功'),
    warehouse: l('Delivered', '已签收'),
    service: l('Completed', '已完成'),
  },
  cancelled: {
    buyer: l('Cancelled', '已取消'),
    merchant: l('Cancelled', '已取消'),
    warehouse: l('Cancelled', '已取消'),
    service: l('Cancelled', '已取消'),
  },
  closed: {
    buyer: l('Closed', '已关闭'),
    merchant: l('Closed, refunded', '已关闭（已退款）'),
    warehouse: l('Closed', '已关闭'),
    service: l('Closed after full refund', '全额退款关闭'),
  },
  intercepting: {
    buyer: l('Cancelling', '取消中'),
    merchant: l('Intercepting', '拦截中'),
    warehouse: l('Intercept requested', '待拦截'),
    service: l('Cancelling: intercept at the warehouse', '取消中（仓库拦截）'),
  },
  split: {
    buyer: l('Split into packages', '已拆分'),
    merchant: l('Split', '已拆单'),
    warehouse: l('Split', '已拆单'),
    service: l('Split into child orders', '已拆分为子订单'),
  },
}

export function labelsFor(status: OrderStatus): LabelRow {
  return statusLabels[status]
}
