import type { Label, Perspective } from '../process/perspectives'
import type { SubscriptionStatus } from './types'

type LabelRow = Readonly<Record<Perspective, Label>>

const l = (en: string, zh: string): Label => ({ en, zh })

/**
 * One subscription status, four audiences, like an order's labels: the buyer reads what happens
 * to their deliveries, the merchant what it will ship and be paid, the warehouse whether boxes
 * keep coming, customer service where the case stands.
 */
export const subscriptionLabels: Readonly<Record<SubscriptionStatus, LabelRow>> = {
  active: {
    buyer: l('Subscribed', '订阅中'),
    merchant: l('Active subscription', '订阅生效中'),
    warehouse: l('Recurring deliveries', '周期发货中'),
    service: l('Active, renewing each period', '生效中（按周期续订）'),
  },
  past_due: {
    buyer: l('Payment failed, retrying', '扣款失败，重试中'),
    merchant: l('Renewal payment retrying', '续费扣款重试中'),
    warehouse: l('Next delivery on hold', '下期发货暂缓'),
    service: l('Past due: renewal retrying', '逾期：续费重试中'),
  },
  paused: {
    buyer: l('Paused', '已暂停'),
    merchant: l('Paused by buyer', '买家已暂停'),
    warehouse: l('Deliveries paused', '发货已暂停'),
    service: l('Paused', '已暂停'),
  },
  suspended: {
    buyer: l('Suspended: update payment', '已中止，请更新支付方式'),
    merchant: l('Suspended: payment failed', '扣款失败已中止'),
    warehouse: l('Deliveries stopped', '发货已停止'),
    service: l('Suspended after failed retries', '多次扣款失败已中止'),
  },
  completed: {
    buyer: l('All deliveries made', '订阅已完成'),
    merchant: l('Completed', '订阅完成'),
    warehouse: l('No more deliveries', '无后续发货'),
    service: l('Completed', '已完成'),
  },
  cancelled: {
    buyer: l('Cancelled', '已取消'),
    merchant: l('Cancelled', '已取消'),
    warehouse: l('Deliveries cancelled', '发货已取消'),
    service: l('Cancelled', '已取消'),
  },
}

export function subscriptionLabelsFor(status: SubscriptionStatus): LabelRow {
  return subscriptionLabels[status]
}
