import type { Failure, Result } from '../result'
import { sumAt } from './scope'
import type { CartLine, FreightRegionRule, FreightTemplate } from './types'

/** One shipment priced as a unit: the lines of one store leaving from one warehouse. */
export interface ShipmentCharge {
  readonly storeId: string
  readonly warehouseId: string | null
  readonly templateId: string | null
  readonly weightGrams: number
  readonly goodsAmount: number
  readonly waived: boolean
  readonly amount: number
}

interface Shipment {
  readonly storeId: string
  readonly warehouseId: string | null
  readonly lineIndexes: number[]
}

/** Groups lines by store, then warehouse, in order of first appearance in the cart. */
function shipmentsOf(lines: readonly CartLine[]): Shipment[] {
  const byKey = new Map<string, Shipment>()
  lines.forEach((line, index) => {
    const warehouseId = line.warehouseId ?? null
    const key = JSON.stringify([line.storeId, warehouseId])
    const shipment = byKey.get(key) ?? { storeId: line.storeId, warehouseId, lineIndexes: [] }
    shipment.lineIndexes.push(index)
    byKey.set(key, shipment)
  })
  return [...byKey.values()]
}

/** The warehouse's own template if it has one, else the store's default (no warehouseId). */
function templateFor(
  shipment: Shipment,
  templates: readonly FreightTemplate[],
): FreightTemplate | undefined {
  const ofStore = templates.filter((t) => t.storeId === shipment.storeId)
  const own = ofStore.find(
    (t) => shipment.warehouseId !== null && t.warehouseId === shipment.warehouseId,
  )
  return own ?? ofStore.find((t) => t.warehouseId === undefined)
}

/** A rule naming the region beats a '*' rule wherever they are listed. */
function ruleFor(template: FreightTemplate, region: string): FreightRegionRule | undefined {
  const named = template.rules.find((r) => r.regions !== '*' && r.regions.includes(region))
  return named ?? template.rules.find((r) => r.regions === '*')
}

/** First-weight price covers up to firstWeightGrams; each started step beyond it adds stepPrice. */
export function weightCharge(rule: FreightRegionRule, weightGrams: number): number {
  const extra = Math.max(0, weightGrams - rule.firstWeightGrams)
  return rule.firstWeightPrice.amount + Math.ceil(extra / rule.stepGrams) * rule.stepPrice.amount
}

function regionNotServed(
  shipment: Shipment,
  template: FreightTemplate,
  region: string,
): Failure<'REGION_NOT_SERVED'> {
  return {
    ok: false,
    code: 'REGION_NOT_SERVED',
    message: `store ${shipment.storeId} does not ship to region ${region}`,
    details: {
      storeId: shipment.storeId,
      warehouseId: shipment.warehouseId,
      templateId: template.id,
      regionCode: region,
    },
  }
}

/** The most one shipment's freight may come to: beyond it a template is a mistake, not a price. */
export const MAX_FREIGHT = 100_000_000_000

export type FreightFailureCode = 'REGION_NOT_SERVED' | 'FREIGHT_OUT_OF_RANGE'

function outOfRange(shipment: Shipment, template: FreightTemplate, weightGrams: number) {
  const failure: Failure<'FREIGHT_OUT_OF_RANGE'> = {
    ok: false,
    code: 'FREIGHT_OUT_OF_RANGE',
    message: `freight of store ${shipment.storeId} would exceed ${MAX_FREIGHT} minor units`,
    details: { storeId: shipment.storeId, templateId: template.id, weightGrams },
  }
  return failure
}

function chargeShipment(
  shipment: Shipment,
  input: FreightInput,
): Result<{ readonly value: ShipmentCharge }, FreightFailureCode> {
  const { storeId, warehouseId, lineIndexes } = shipment
  const weightGrams = lineIndexes.reduce((acc, i) => {
    const line = input.lines[i]
    return acc + (line ? line.weightGrams * line.qty : 0)
  }, 0)
  const goodsAmount = sumAt(input.amounts, lineIndexes)
  const template = templateFor(shipment, input.templates)
  const base = { storeId, warehouseId, weightGrams, goodsAmount }
  if (!template) return { ok: true, value: { ...base, templateId: null, waived: false, amount: 0 } }
  const rule = ruleFor(template, input.regionCode)
  if (!rule) return regionNotServed(shipment, template, input.regionCode)
  const waived = rule.freeOver !== undefined && goodsAmount >= rule.freeOver.amount
  const amount = waived ? 0 : weightCharge(rule, weightGrams)
  if (!Number.isSafeInteger(amount) || amount > MAX_FREIGHT) {
    return outOfRange(shipment, template, weightGrams)
  }
  return { ok: true, value: { ...base, templateId: template.id, waived, amount } }
}

export interface FreightInput {
  readonly lines: readonly CartLine[]
  /** Line amounts after coupons and before points: the basis of `freeOver`. */
  readonly amounts: readonly number[]
  readonly templates: readonly FreightTemplate[]
  readonly regionCode: string
}

/**
 * Prices every shipment. A store without a template ships free; a template with no rule for the
 * region fails with REGION_NOT_SERVED, one whose charge would pass MAX_FREIGHT (a huge step price
 * times a heavy cart) with FREIGHT_OUT_OF_RANGE; the caller answers both with 422.
 */
export function quoteFreight(
  input: FreightInput,
): Result<{ readonly value: readonly ShipmentCharge[] }, FreightFailureCode> {
  const charges: ShipmentCharge[] = []
  for (const shipment of shipmentsOf(input.lines)) {
    const charge = chargeShipment(shipment, input)
    if (!charge.ok) return charge
    charges.push(charge.value)
  }
  return { ok: true, value: charges }
}
