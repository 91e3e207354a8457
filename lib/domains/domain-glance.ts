import 'server-only';
import { getDb } from '@/db';
import { getDomainGlanceRow } from '@/db/queries/domains';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/failure';
import { utcToZoned, zonedToUtc } from '@/lib/time/zoned';
import { getDomain } from './get-domain';

/** Midnight today on the caller's clock (their time zone), as an instant. */
export function startOfToday(timeZone: string, now: Date = new Date()): Date {
  return zonedToUtc(`${utcToZoned(now, timeZone).slice(0, 10)}T00:00`, timeZone) ?? new Date(now.getTime() - 86_400_000);
}

export type DomainGlance = Awaited<ReturnType<typeof getDomainGlance>>['glance'];

/**
 * A domain at a glance (issue 23, 14), for whoever may read it (a postmaster: its own domain only, through
 * getDomain's scope): accounts of the plan's maximum, storage allocated of the plan's, sent today, accounts
 * over 90% of their storage, failed mail-server jobs, and what the domain's postmaster may do.
 */
export async function getDomainGlance({ caller, id, now = new Date() }: { caller: Caller; id: number; now?: Date }) {
  const row = await getDomain({ caller, id });
  const figures = await getDomainGlanceRow({ ex: getDb(), domainId: row.domain.id, since: startOfToday(caller.timeZone, now) });
  if (!figures) throw notFound();
  const { domain, plan } = row;
  const glance = {
    accounts: row.accounts,
    maxAccounts: plan.maxAccounts,
    allocatedBytes: row.allocated,
    planStorageBytes: plan.domainStorageBytes,
    sentToday: figures.sentSince,
    nearlyFull: figures.nearlyFull,
    failedJobs: figures.failedJobs,
    rights: { create: domain.pmCanCreate, delete: domain.pmCanDelete, toggle: domain.pmCanToggle, changeLimits: domain.pmCanChangeLimits },
    maxDailySendLimit: plan.maxDailySendLimit,
    maxMessageBytes: plan.maxMessageBytes,
  };
  return { row, glance };
}
