import 'server-only';
import { getDatabaseHandle, getDb } from '@/db';
import { registerJobGauges } from './jobs';
import { registerPoolGauges } from './db-pool';

// The database-backed gauges of a process that uses the panel's database (the panel, `npm run worker`):
// its handle's pool and the job queue.
export function registerPanelMetrics(): void {
  registerPoolGauges('panel', () => getDatabaseHandle().poolStats?.() ?? null);
  registerJobGauges(getDb);
}
