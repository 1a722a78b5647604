/**
 * Sets `key` as the newest entry of an isolate-memory map and forgets the oldest entries past
 * `max`, so per-buyer and per-token memories stay bounded however many callers come by.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  while (map.size > max) {
    const oldest = map.keys().next()
    if (oldest.done) return
    map.delete(oldest.value)
  }
}
