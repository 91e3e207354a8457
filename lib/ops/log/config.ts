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

// Defence in depth only: the rule is that no secret is ever passed to the logger. These catch a field
// with a secret-looking name at the top level or one level down (pino's paths have no deep wildcard).
const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'otp', 'otpSecret', 'totp', 'code', 'cookie', 'authorization', 'set-cookie', 'sessionSecret', 'apiKey'];

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS.flatMap((key) => [bracket(key), `*${bracket(key)}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

function bracket(key: string): string {
  return `["${key}"]`;
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
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
}
