import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../src/env'

/** A buyer's coupons and points; replaced by the full wallet in the pricing work. */
export class WalletActor extends DurableObject<Env> {}
