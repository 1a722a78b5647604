import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './app-env'
import { maxBodyBytes } from './config'
import { AppError, type ErrorCode, errorStatus } from './errors'
import { errorFields, type LogFields, type LogLevel, log } from './http/log'
import { requestLog, routePattern } from './http/request-log'
import { adminRouter } from './routes/admin'
import { checkoutRouter } from './routes/checkout'
import { couponsRouter } from './routes/coupons'
import { healthRouter } from './routes/health'
import { homeRouter } from './routes/home'
import { merchantOrdersRouter } from './routes/merchant'
import { ordersRouter } from './routes/orders'
import { paymentsRouter } from './routes/payments'
import { sandboxPaymentsRouter } from './routes/sandbox-payments'
import { skusRouter } from './routes/skus'
import { stockRouter } from './routes/stock'
import { subscriptionsRouter } from './routes/subscriptions'
import { warehouseOrdersRouter } from './routes/warehouse'

function envelope(c: Context<AppEnv>, code: ErrorCode, message: string, details?: unknown) {
  c.set('errorCode', code)
  const error = details === undefined ? { code, message } : { code, message, details }
  return c.json({ error }, errorStatus[code])
}

const httpCodes: Record<number, ErrorCode> = {
  400: 'MALFORMED_JSON',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
}

function logFailure(c: Context<AppEnv>, level: LogLevel, fields: LogFields) {
  log(c.env, level, 'request failed', {
    requestId: c.get('requestId'),
    method: c.req.method,
    route: routePattern(c),
    ...fields,
  })
}

export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestLog())
  app.use('/v1/*', (c, next) =>
    bodyLimit({
      maxSize: maxBodyBytes(c.env),
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `the body exceeds ${maxBodyBytes(c.env)} bytes`)
      },
    })(c, next),
  )

  app.route('/', homeRouter)
  app.route('/v1/health', healthRouter)
  app.route('/v1/orders', ordersRouter)
  app.route('/v1/checkout', checkoutRouter)
  app.route('/v1/coupons', couponsRouter)
  app.route('/v1/skus', skusRouter)
  app.route('/v1/stock', stockRouter)
  app.route('/v1/payments', paymentsRouter)
  app.route('/v1/sandbox/payments', sandboxPaymentsRouter)
  app.route('/v1/merchant/orders', merchantOrdersRouter)
  app.route('/v1/warehouse/orders', warehouseOrdersRouter)
  app.route('/v1/subscriptions', subscriptionsRouter)
  app.route('/v1/admin', adminRouter)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Edge order center',
      version: '0.1.0',
      description: 'Orders as Durable Objects on Cloudflare Workers. Money is integer minor units.',
    },
    security: [{ bearer: [] }],
  })

  app.notFound((c) => {
    c.set('unmatched', true)
    return envelope(c, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)
  })

  app.onError((err, c) => {
    if (err instanceof AppError) {
      // A known 5xx (UNAVAILABLE: an actor failed, retry) is logged without a stack: its
      // message says all there is.
      if (err.status >= 500) logFailure(c, 'warn', { code: err.code, message: err.message })
      return envelope(c, err.code, err.message, err.details)
    }
    if (err instanceof HTTPException) {
      const code = httpCodes[err.status] ?? 'BAD_REQUEST'
      return envelope(c, code, err.message || 'bad request')
    }
    // Unexpected: logged whole under the request id, and nothing of it told to the caller.
    logFailure(c, 'error', { code: 'INTERNAL', ...errorFields(err) })
    return envelope(c, 'INTERNAL', 'internal error')
  })

  return app
}
