// The admin token lives in sessionStorage: gone when the tab closes, never sent anywhere but
// this origin's API.
const key = 'order-center.admin-token'

export const savedToken = () => sessionStorage.getItem(key)
export const saveToken = (token) => sessionStorage.setItem(key, token.trim())
export const forgetToken = () => sessionStorage.removeItem(key)

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

export async function api(path, init = {}) {
  const token = savedToken()
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'paste an admin token first')
  const headers = { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, { ...init, headers })
  const text = await res.text()
  const isJson = res.headers.get('Content-Type')?.includes('json')
  const body = isJson && text ? JSON.parse(text) : text
  if (!res.ok) {
    const error = body?.error ?? { code: String(res.status), message: res.statusText }
    throw new ApiError(res.status, error.code, `${error.code}: ${error.message}`)
  }
  return body
}
