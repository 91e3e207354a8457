import { Writable } from 'node:stream';
import { processSlot } from '@/db/process-global';
import { createLogger, type Logger } from './logger';

/** For tests: a logger configured by `env` whose JSON lines land in `lines` (parsed) and `text`. */
export function capturingLogger(env: Record<string, string | undefined> = {}) {
  const captured = { text: '', lines: [] as Record<string, unknown>[] };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured.text += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line) captured.lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(env, sink), captured };
}

/** For tests: makes `logger` the process's logger (lib/ops/log/logger.ts) until the returned undo runs. */
export function installLogger(logger: Logger): () => void {
  const slot = processSlot<Logger>('logger');
  const before = slot.get();
  slot.set(logger);
  return () => slot.set(before);
}
