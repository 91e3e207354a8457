import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { processSlot } from '@/db/process-global';

// With WEB_CONCURRENCY > 1 (server.ts) every worker process counts its own requests, and a scrape of
// /metrics reaches whichever worker the kernel hands the connection to. So that one scrape sees the whole
// server, the worker asks the primary, and the primary gathers every worker's registry through prom-client's
// AggregatorRegistry (counters and histograms summed; each metric's `aggregator` says otherwise, e.g. the
// job-queue gauges, which every worker reads from the same database: `first`, not N times the queue).

const ASK = 'mailpanel:metrics?';
const ANSWER = 'mailpanel:metrics!';
const TIMEOUT_MS = 6_000; // prom-client gives up on a silent worker after 5 s

type Answer = { type: typeof ANSWER; id: number; text?: string; error?: string };
type Pending = Map<number, (answer: Answer) => void>;

const isAsk = (message: unknown): message is { type: typeof ASK; id: number } =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ASK && typeof (message as { id?: unknown }).id === 'number';
const isAnswer = (message: unknown): message is Answer =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ANSWER && typeof (message as { id?: unknown }).id === 'number';

/** In the primary: answers the workers' requests for the whole server's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isAsk(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (error: unknown) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, error: String(error) } satisfies Answer),
    );
  });
}

/** In a worker (server.ts, at start): the registry the primary gathers. */
export function offerWorkerMetrics(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // prom-client answers the primary's requests only once an AggregatorRegistry was made in the process.
  new AggregatorRegistry();
}

/** True in a worker process of the panel's cluster, where /metrics must speak for every worker. */
export function inClusterWorker(): boolean {
  return cluster.isWorker && process.env.MAILPANEL_CLUSTER === '1' && typeof process.send === 'function';
}

// Once per process: the route bundle and server.ts are separate module graphs (db/process-global.ts).
const slot = processSlot<{ pending: Pending; next: number }>('metrics.cluster');

function state() {
  return slot.getOrCreate(() => {
    const pending: Pending = new Map();
    process.on('message', (message: unknown) => {
      if (isAnswer(message)) pending.get(message.id)?.(message);
    });
    return { pending, next: 0 };
  });
}

/** In a worker: every worker's metrics, gathered by the primary, in Prometheus' text format. */
export function wholeServerMetrics(): Promise<string> {
  const current = state();
  const id = current.next++;
  const { pending } = current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle({ type: ANSWER, id, error: 'the primary did not answer' }), TIMEOUT_MS);
    function settle(answer: Answer) {
      clearTimeout(timer);
      pending.delete(id);
      if (answer.text !== undefined) resolve(answer.text);
      else reject(new Error(`cluster metrics: ${answer.error}`));
    }
    pending.set(id, settle);
    process.send!({ type: ASK, id });
  });
}
