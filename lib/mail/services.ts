// Moved to db/schema/services.ts (db/ may not import lib/); re-exported for lib/, components/ and app/.
export * from '@/db/schema/services';

import { SERVICES, type Service } from '@/db/schema/services';

/** A row's switch for each service (a domain's, a plan's, a mailbox's), in the panel's order. */
export function serviceFlags(row: Record<Service, boolean>): Record<Service, boolean> {
  return Object.fromEntries(SERVICES.map((s) => [s, row[s]])) as Record<Service, boolean>;
}
