import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { domains, mailboxes } from '@/db/schema';
import { unwrap } from '@/lib/api/result';
import { createApiToken } from '@/lib/api-tokens/create-token';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import type { ApiTokenAccess } from '@/lib/validations/api-token';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from '../../helpers/callers';
import { createFixture, insertAdmin, insertDomain, insertMailbox, POSTMASTER_QUOTA_BYTES, type Fixture, type MailboxRow } from '../../helpers/fixtures';

export const PASSWORD = 'correct horse battery staple';

/** A token for `caller` made through the panel's own function (its mailbox needs API access on). */
export async function tokenFor(caller: Caller, access: ApiTokenAccess = 'read_write', name = 'test'): Promise<string> {
  return unwrap(await createApiToken({ caller, ip: '192.0.2.1', input: { name, access, expiresInDays: '30' } })).token;
}

export type ApiWorld = Fixture & {
  superadminRow: { id: number; email: string };
  otherAdmin: { id: number; email: string };
  otherDomain: { id: number; name: string };
  otherPostmaster: MailboxRow;
  callers: Record<'superadmin' | 'admin' | 'postmaster' | 'user' | 'otherAdmin' | 'otherPostmaster', Caller>;
  tokens: Record<'superadmin' | 'admin' | 'adminRead' | 'postmaster' | 'user' | 'otherAdmin' | 'otherPostmaster', string>;
};

/**
 * Domain A (owned by `admin`, its postmaster allowed everything) with an account `user`, and domain B
 * of `otherAdmin` with its postmaster; every mailbox with API access on and PASSWORD; a token for each.
 */
export async function apiWorld(db: Database): Promise<ApiWorld> {
  const f = await createFixture(db);
  const superadminRow = await insertAdmin(db, { role: 'superadmin' });
  const otherAdmin = await insertAdmin(db);
  const otherDomain = await insertDomain(db, { adminId: otherAdmin.id, planId: f.plan.id });
  const otherPostmaster = await insertMailbox(db, otherDomain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  const hash = await hashPassword(PASSWORD);
  await db.update(mailboxes).set({ apiAccess: true, passwordHash: hash });
  await db.update(domains).set({ pmCanDelete: true, pmCanChangeLimits: true }).where(eq(domains.id, f.domain.id));
  const callers = {
    superadmin: superadminCaller(superadminRow),
    admin: adminCaller(f.admin),
    postmaster: postmasterCaller(f.postmaster),
    user: userCaller(f.mailbox),
    otherAdmin: adminCaller(otherAdmin),
    otherPostmaster: postmasterCaller(otherPostmaster),
  };
  const tokens = {
    superadmin: await tokenFor(callers.superadmin),
    admin: await tokenFor(callers.admin),
    adminRead: await tokenFor(callers.admin, 'read', 'read only'),
    postmaster: await tokenFor(callers.postmaster),
    user: await tokenFor(callers.user),
    otherAdmin: await tokenFor(callers.otherAdmin),
    otherPostmaster: await tokenFor(callers.otherPostmaster),
  };
  return { ...f, superadminRow, otherAdmin, otherDomain, otherPostmaster, callers, tokens };
}
