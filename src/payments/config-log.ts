const logged = new Set<string>()

/**
 * One structured log line per configuration problem per isolate, so an operator sees why money
 * routes answer 503 without every request repeating it. Secrets are never part of the message.
 */
export function logOnce(problem: string, message: string): void {
  if (logged.has(problem)) return
  logged.add(problem)
  // biome-ignore lint/suspicious/noConsole: the log line an operator needs to see why money routes answer 503
  console.error(JSON.stringify({ level: 'error', event: 'config_invalid', problem, message }))
}
