import cluster, { type Worker } from 'node:cluster';
import { workerHeapArgs } from '@/lib/ops/heap/semi-space';
import type { Logger } from '@/lib/ops/log/logger';
import { serveClusterMetrics } from '@/lib/ops/metrics/cluster';

// The primary process of a panel with several workers (server.ts, WEB_CONCURRENCY > 1). It serves no
// request: it forks the workers (each runs the whole server on the same port; the kernel spreads the
// connections), starts again one that dies, gathers /metrics for them, and stops them on SIGTERM/SIGINT.

/** Restart delay after a worker's `crashes`-th death in a row: 0.5 s, 1 s, 2 s, … up to 30 s. */
export function restartDelayMs(crashes: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, crashes - 1));
}

/** A worker that lived this long before dying starts its backoff again from the beginning. */
const STABLE_MS = 60_000;
const STOP_GRACE_MS = 15_000;

type Slot = { index: number; crashes: number; startedAt: number; worker?: Worker };

/**
 * Forks `workers` processes running `exec` (server.ts) with MAILPANEL_CLUSTER=1. Only the first slot keeps
 * the mail-host job worker (JOB_WORKER as configured); the others run with JOB_WORKER=off, and a
 * replacement of the first gets it back.
 */
export function runPrimary({ workers, exec, log }: { workers: number; exec: string; log: Logger }): void {
  // The workers start with the primary's flags (tsx's loader among them) and the heap's (lib/ops/heap).
  cluster.setupPrimary({ exec, execArgv: [...process.execArgv, ...workerHeapArgs(process.env, process.execArgv)] });
  serveClusterMetrics();
  let stopping = false;
  let listening = 0;
  const slots: Slot[] = Array.from({ length: workers }, (_, index) => ({ index, crashes: 0, startedAt: 0 }));

  const fork = (slot: Slot) => {
    const env: Record<string, string> = { MAILPANEL_CLUSTER: '1', MAILPANEL_WORKER_SLOT: String(slot.index) };
    if (slot.index > 0) env.JOB_WORKER = 'off';
    slot.startedAt = Date.now();
    const worker = cluster.fork(env);
    slot.worker = worker;
    const pid = worker.process.pid;
    worker.once('listening', () => {
      if (slot.crashes > 0) log.info({ slot: slot.index, pid }, `worker ${slot.index} (pid ${pid}) is back`);
      else if (++listening === workers) log.info({ workers }, `all ${workers} workers listening`);
    });
    worker.once('exit', (code, signal) => {
      slot.worker = undefined;
      if (stopping) return;
      slot.crashes = Date.now() - slot.startedAt >= STABLE_MS ? 1 : slot.crashes + 1;
      const delay = restartDelayMs(slot.crashes);
      log.error({ slot: slot.index, pid, exitCode: code, signal, crashes: slot.crashes, restartInMs: delay }, `worker ${slot.index} (pid ${pid}) exited (${signal ?? `code ${code}`}): restarting in ${delay} ms`);
      setTimeout(() => !stopping && fork(slot), delay).unref();
    });
  };
  log.info({ workers, pid: process.pid }, `starting ${workers} workers`);
  for (const slot of slots) fork(slot);

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal}: stopping the workers`);
    const alive = () => slots.filter((slot) => slot.worker && !slot.worker.isDead());
    const force = setTimeout(() => {
      for (const slot of alive()) slot.worker!.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS);
    force.unref();
    const done = () => {
      if (alive().length === 0) process.exit(0);
    };
    cluster.on('exit', done);
    for (const slot of alive()) slot.worker!.process.kill(signal);
    done();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
