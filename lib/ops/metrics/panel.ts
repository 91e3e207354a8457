import 'server-only';
import { getDatabaseHandle, getDb } from '@/db';
import { registerJobGauges } from './jobs';
import { registerPoolGauges } from './db-pool';
import { registerSignInMetrics } from './sign-in';

// The metrics of a process that uses the panel's database (the panel, `npm run worker`): its handle's
// pool and the job queue, read at each scrape, and the sign-in counters from 0.
export function registerPanelMetrics(): void {
  registerSignInMetrics();
  registerPoolGauges('panel', () => getDatabaseHandle().poolStats?.() ?? null);
  registerJobGauges(getDb);
}
