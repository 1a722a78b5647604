import { createMessageBatch, env } from 'cloudflare:test'
import { sandboxWms } from '../../src/adapters/sandbox-wms'
import type { Wms } from '../../src/adapters/wms'
import type { OrderEventMessage } from '../../src/domain/order-events'
import type { FulfilmentClaim, WmsOrder } from '../../src/domain/wms-order'
import type { FulfilmentGate } from '../../src/queues/fulfilment-gate'
import { uid } from './ids'

export const queueName = 'order-events'

/** A batch as the Queue would hand it over; `attempts` as if delivered that many times. */
export function batchOf(bodies: readonly unknown[], attempts = 1): MessageBatch<OrderEventMessage> {
  const messages = bodies.map((body, i) => ({
    id: `msg-${i}-${uid('m')}`,
    timestamp: new Date(),
    attempts,
    body,
  }))
  // Bodies are unknown on purpose: the consumer must survive what a broken producer sends.
  return createMessageBatch(queueName, messages) as MessageBatch<OrderEventMessage>
}

export function paidEvent(order: WmsOrder, eventId = uid('evt')): OrderEventMessage {
  return { eventId, orderId: order.orderId, type: 'order.paid', at: Date.now(), order }
}

export function eventOf(
  type: 'order.cancelled' | 'order.closed',
  orderId: string,
  eventId = uid('evt'),
): OrderEventMessage {
  return { eventId, orderId, type, at: Date.now() }
}

/** The sandbox WMS with its calls counted, and pushes of chosen orders failing as if it were down. */
export function countingWms(failFor: ReadonlySet<string> = new Set()) {
  const base = sandboxWms(env.DB)
  const calls = { push: 0, intercept: 0 }
  const wms: Wms = {
    ...base,
    push: async (order) => {
      calls.push += 1
      if (failFor.has(order.orderId)) throw new Error('WMS unavailable')
      return base.push(order)
    },
    intercept: async (orderId) => {
      calls.intercept += 1
      return base.intercept(orderId)
    },
  }
  return { wms, calls, base }
}

/** A gate that answers from a script, one claim after another, repeating the last answer. */
export function scriptedGate(
  answers: readonly FulfilmentClaim[],
): FulfilmentGate & { asked: number } {
  const gate = {
    asked: 0,
    claim: async () => {
      const answer = answers[Math.min(gate.asked, answers.length - 1)]
      gate.asked += 1
      if (!answer) throw new Error('no scripted answer')
      return answer
    },
  }
  return gate
}

/**
 * The batch with each retry's delay noted: the test harness records which messages were retried
 * but not the delay asked for. Acks and retries still reach the original messages.
 */
export function withDelaysNoted(batch: MessageBatch<OrderEventMessage>) {
  const delays: Record<string, number | undefined> = {}
  const messages = batch.messages.map(
    (m): Message<OrderEventMessage> => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options) => {
        delays[m.id] = options?.delaySeconds
        m.retry(options)
      },
    }),
  )
  return { spied: { ...batch, queue: batch.queue, messages, metadata: batch.metadata }, delays }
}
