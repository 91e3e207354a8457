import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { processSlot } from '@/db/process-global';

// One registry per process (db/process-global.ts): the custom server, Next's route bundles and the CLIs
// are separate module graphs, and each metric must exist once for `/metrics` to see what the others count.

export const METRIC_PREFIX = 'mailpanel_';

type Metrics = { registry: Registry; made: Map<string, unknown> };

const slot = processSlot<Metrics>('metrics');

function metrics(): Metrics {
  return slot.getOrCreate(() => {
    const registry = new Registry();
    // The process's CPU, memory, event-loop lag, handles and GC (prom-client's defaults), prefixed like ours.
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    return { registry, made: new Map() };
  });
}

export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** The metric named `name`, made by `make` (registered with the process's registry) on first use. */
export function processMetric<T>(name: string, make: (registry: Registry) => T): T {
  const { registry, made } = metrics();
  if (!made.has(name)) made.set(name, make(registry));
  return made.get(name) as T;
}

/**
 * A gauge read at each scrape (made once per process): `collect` resets it and sets its samples from the
 * source, so that a label gone since the last scrape leaves no sample.
 */
export function scrapedGauge(
  name: string,
  help: string,
  labelNames: string[],
  collect: (gauge: Gauge) => void | Promise<void>,
  /** How a cluster's primary combines the workers' values (lib/ops/metrics/cluster.ts). */
  aggregator: 'sum' | 'first' = 'sum',
): Gauge {
  return processMetric(
    name,
    (registry) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        aggregator,
        collect() {
          return collect(this);
        },
      }),
  );
}
