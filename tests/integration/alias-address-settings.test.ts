import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes } from '@/db/schema';
import { getAddressSettings, updateAddressSettings } from '@/lib/aliases/address-settings';
import type { Caller } from '@/lib/auth/caller';
import { isFailure } from '@/lib/failure';
import { resetTables, useTestDatabase } from './helpers/db';
import { twoOwners } from './helpers/two-owners';
import { insertMailbox, type DomainRow } from './helpers/fixtures';

// A domain's catch-all and plus-addressing (issue 17, points 3 and 5): set by its admin and by a postmaster
// its admin lets manage aliases; the catch-all is an account of the domain or none; audited; versioned.
// The mail servers' side is tests/mail/address-settings.test.ts. Runs on both drivers.

const t = useTestDatabase();
let owner: Caller;
let otherAdmin: Caller;
let postmaster: Caller;
let domain: DomainRow;
let other: DomainRow;
let annaId: number;

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  ({ owner, otherAdmin, postmaster, domain, other } = await twoOwners(db));
  annaId = (await insertMailbox(db, domain, 'anna')).id;
  await insertMailbox(db, other, 'bob');
});

const save = async (caller: Caller, input: Record<string, unknown>, domainId = domain.id) => {
  const { version } = await getAddressSettings({ caller: owner, domainId: domain.id });
  return updateAddressSettings({ caller, ip: '192.0.2.1', domainId, input: { version, ...input } });
};

describe('a domain’s catch-all and plus-addressing', () => {
  it('are off and on by default; the catch-all is set by local part or address, audited, and turned off again', async () => {
    expect(await getAddressSettings({ caller: owner, domainId: domain.id })).toMatchObject({ catchAll: null, plusAddressing: true });
    expect(await save(owner, { catchAll: 'Anna', plusAddressing: false })).toMatchObject({ ok: true });
    const [row] = await t.db().select({ catchAll: domains.catchAllMailboxId, plus: domains.plusAddressing }).from(domains).where(eq(domains.id, domain.id));
    expect(row).toEqual({ catchAll: annaId, plus: false });
    expect(await getAddressSettings({ caller: owner, domainId: domain.id })).toMatchObject({ catchAll: 'anna@alpha.example', plusAddressing: false });
    const audit = await t.db().select().from(auditLog).where(eq(auditLog.action, 'domain.addressSettings'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ before: { catchAll: null, plusAddressing: true }, after: { catchAll: 'anna@alpha.example', plusAddressing: false } });

    expect(await save(owner, { catchAll: 'anna@alpha.example', plusAddressing: false })).toMatchObject({ ok: true });
    expect(await save(owner, { catchAll: '', plusAddressing: true })).toMatchObject({ ok: true });
    expect(await getAddressSettings({ caller: owner, domainId: domain.id })).toMatchObject({ catchAll: null, plusAddressing: true });
  });

  it('refuse a catch-all that is no account of the domain (unknown, or another domain’s), a stale version, and bad input, writing nothing', async () => {
    expect(await save(owner, { catchAll: 'nobody' })).toMatchObject({ ok: false, fieldErrors: { catchAll: expect.stringContaining('aliases.errors.catchAllUnknown') } });
    expect(await save(owner, { catchAll: 'bob@beta.example' })).toMatchObject({ ok: false, fieldErrors: { catchAll: expect.stringContaining('aliases.errors.catchAllUnknown') } });
    expect(await save(owner, { catchAll: 'not an address@@' })).toMatchObject({ ok: false, fieldErrors: { catchAll: expect.any(String) } });
    expect(await save(owner, { plusAddressing: 'yes' })).toMatchObject({ ok: false });
    const stale = await updateAddressSettings({ caller: owner, ip: null, domainId: domain.id, input: { version: 99, catchAll: 'anna' } });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining('conflict') });
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'domain.addressSettings'))).toHaveLength(0);
  });

  it('a postmaster only where its domain lets it manage aliases; another admin’s domain is not found', async () => {
    await expect(save(postmaster, { catchAll: 'anna' })).rejects.toSatisfy((e) => isFailure(e, 'forbidden'));
    await t.db().update(domains).set({ pmCanManageAliases: true }).where(eq(domains.id, domain.id));
    expect(await save(postmaster, { catchAll: 'anna' })).toMatchObject({ ok: true });
    await expect(save(otherAdmin, { catchAll: 'anna' })).rejects.toSatisfy((e) => isFailure(e, 'notFound'));
    await expect(getAddressSettings({ caller: otherAdmin, domainId: domain.id })).rejects.toSatisfy((e) => isFailure(e, 'notFound'));
  });

  it('deleting the catch-all account turns the catch-all off', async () => {
    expect(await save(owner, { catchAll: 'anna' })).toMatchObject({ ok: true });
    await t.db().delete(mailboxes).where(eq(mailboxes.id, annaId));
    expect(await getAddressSettings({ caller: owner, domainId: domain.id })).toMatchObject({ catchAll: null });
    const [row] = await t.db().select({ catchAll: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, domain.id));
    expect(row?.catchAll).toBeNull();
  });
});
