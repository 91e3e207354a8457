import { stdSerializers, type LoggerOptions } from 'pino';

// How the process logs, read from the environment once (lib/ops/log/logger.ts). docs/operations.md "Logs".

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

/** LOG_LEVEL (case-insensitive), `info` when unset or not a level pino knows. */
export function logLevelFrom(env: Env): LogLevel {
  const wanted = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'info';
}

/** Readable lines for a person at a terminal; JSON lines (for journald, a collector) everywhere else. */
export function prettyFrom(env: Env): boolean {
  if (env.LOG_PRETTY === '1') return true;
  if (env.LOG_PRETTY === '0') return false;
  return env.NODE_ENV === 'development';
}

// Defence in depth only: the rule is that no secret is ever passed to the logger. A field with a
// secret-looking name is replaced up to three levels down. Done here rather than with pino's `redact`
// paths: its redactor parsed every path again on every line (~40 KB of garbage for each request's line,
// bench/RESULTS.md), where this reads a line's few keys once and copies only what it changes.
const SECRET_KEYS = new Set(['password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'otp', 'otpSecret', 'totp', 'code', 'cookie', 'authorization', 'set-cookie', 'sessionSecret', 'apiKey']);
const CENSOR = '[redacted]';
const DEPTH = 3;

/** `fields` with every secret-looking field's value replaced; the same object when there is none. */
export function redactSecrets<T extends Record<string, unknown>>(fields: T, depth = 0): T {
  let out: Record<string, unknown> | null = null;
  for (const key in fields) {
    const value = fields[key];
    let next: unknown = value;
    if (SECRET_KEYS.has(key)) next = CENSOR;
    else if (depth < DEPTH && value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error) && !(value instanceof Date)) {
      next = redactSecrets(value as Record<string, unknown>, depth + 1);
    }
    if (next !== value) (out ??= { ...fields })[key] = next;
  }
  return (out ?? fields) as T;
}

/**
 * pino's error serializer (type, message, stack, own fields, cause), less a failed query's parameters:
 * drizzle puts them in the error's message and `params`, and they can be a password hash, a session
 * secret or a token's hash.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out = stdSerializers.err(error) as unknown as Record<string, unknown>;
  scrubQueryParams(out, 0);
  return out;
}

function scrubQueryParams(error: Record<string, unknown>, depth: number): void {
  if ('params' in error) error.params = '[not logged]';
  for (const key of ['message', 'stack'] as const) {
    if (typeof error[key] === 'string') error[key] = error[key].replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [not logged]');
  }
  const cause = error.cause;
  if (cause && typeof cause === 'object' && depth < 5) scrubQueryParams(cause as Record<string, unknown>, depth + 1);
}

/** pino's options for this environment (without the transport: see logger.ts). */
export function loggerOptions(env: Env): LoggerOptions {
  return {
    level: logLevelFrom(env),
    base: { pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { log: redactSecrets },
    serializers: { err: serializeError },
  };
}
