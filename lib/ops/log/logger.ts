import pino, { type DestinationStream, type Logger } from 'pino';
import { processSlot } from '@/db/process-global';
import { loggerOptions, prettyFrom } from './config';
import { currentRequest } from './request-context';

// One logger per process (db/process-global.ts: server.ts and Next's bundles are separate module
// graphs, and both log). JSON lines on stdout — journald or a collector reads them — or pino-pretty's
// readable lines in development. Every line written while a request is handled carries its reqId.

export type { Logger };
export type Component = 'http' | 'worker' | 'policy' | 'startup' | 'db' | 'api' | 'action' | 'auth' | 'mail' | 'cluster';

const root = processSlot<Logger>('logger');

/** A logger configured by `env`, writing to `destination` (default: stdout, or pino-pretty when pretty). */
export function createLogger(env: Record<string, string | undefined>, destination?: DestinationStream): Logger {
  const options = {
    ...loggerOptions(env),
    mixin: () => {
      const request = currentRequest();
      return request ? { reqId: request.reqId } : {};
    },
  };
  if (destination) return pino(options, destination);
  if (prettyFrom(env)) {
    return pino(options, pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }));
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/** The process's logger, made from process.env on first use. */
export function logger(): Logger {
  return root.getOrCreate(() => createLogger(process.env));
}

/** The process's logger for one part of it: every line says `component`. */
export function componentLogger(component: Component): Logger {
  return logger().child({ component });
}
