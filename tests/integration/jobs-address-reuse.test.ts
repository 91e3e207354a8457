import { count, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailboxes } from '@/db/schema';
import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { createAccount } from '@/lib/accounts/wizard/create-account';
import { loadWizardDomain } from '@/lib/accounts/wizard/access';
import { insertAccounts, lockDomainForCreation } from '@/lib/accounts/wizard/insert-accounts';
import { saveAccountStep, saveOptionsStep, saveSecurityStep, saveServicesStep } from '@/lib/accounts/wizard/steps';
import type { Caller } from '@/lib/auth/caller';
import { addDomain } from '@/lib/domains/add-domain';
import { deleteDomain } from '@/lib/domains/update-domain';
import { keyWith } from '@/lib/i18n/translate';
import { runDueJobs } from '@/lib/jobs/worker';
import { GB } from '@/lib/mail/services';
import { adminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { BCRYPT_HASH, createFixture, type Fixture } from './helpers/fixtures';

// A deleted account's (or domain's) mail is removed by a job. Until it has been, the same address may
// not be given to a new account: the new owner would find the old mail, or lose its own to the removal.

const t = useTestDatabase();
const IP = '198.51.100.70';
const PASSWORD = 'a long enough password 1';
const NO_SERVICES = { pop: false, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false };

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller };

async function world(): Promise<World> {
  const f = await createFixture(t.db());
  return { ...f, A: adminCaller(f.admin) };
}

function must<T>(result: { ok: true; data: T } | { ok: false }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

async function draftFor(w: World, localPart: string): Promise<string> {
  const base = { caller: w.A, domainId: w.domain.id };
  const { draftId } = must(
    await saveAccountStep({ ...base, draftId: null, input: { firstName: 'New', lastName: 'Owner', description: '', localPart, passwordMode: 'set', password: PASSWORD, confirmPassword: PASSWORD } }),
  );
  must(await saveServicesStep({ ...base, draftId, input: { quotaBytes: String(GB), services: NO_SERVICES } }));
  must(
    await saveSecurityStep({
      ...base,
      draftId,
      input: { forcePasswordChange: false, passwordExpiryMonths: '0', blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: '', apiAccess: false },
    }),
  );
  must(await saveOptionsStep({ ...base, draftId, input: { forwards: '', forwardKeepCopy: true, spamToInbox: false } }));
  return draftId;
}

async function mailboxCount(): Promise<number> {
  const [row] = await t.db().select({ n: count() }).from(mailboxes);
  return row?.n ?? 0;
}

describe('an address whose old mail is still being removed', () => {
  it('cannot be given to a new account until the removal is done', async () => {
    const w = await world();
    const { localPart, address } = w.mailbox;
    must(await deleteAccount({ caller: w.A, ip: IP, id: w.mailbox.id, input: { confirmAddress: address } }));
    const draftId = await draftFor(w, localPart);
    const before = await mailboxCount();

    expect(await createAccount({ caller: w.A, ip: IP, domainId: w.domain.id, draftId })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { 'account.localPart': keyWith('jobs.errors.addressBeingCleared', { address }) },
      formError: 'wizard.errors.createRefused',
    });
    expect(await mailboxCount()).toBe(before);

    // Also failed is not done: the mail may still be there.
    await runDueJobs({ host: { describe: 'down', kick: async () => 'none', recalcQuota: async () => ({ storageBytes: 0, messages: 0 }), removeMail: async () => Promise.reject(new Error('disk on fire')), removeDomainMail: async () => 0 }, maxAttempts: 1 });
    expect(await createAccount({ caller: w.A, ip: IP, domainId: w.domain.id, draftId })).toMatchObject({ ok: false, formError: 'wizard.errors.createRefused' });

    // Once the mail is gone, the same draft creates the account.
    await t.db().execute(sql`update mail_jobs set state = 'done'`);
    expect(await createAccount({ caller: w.A, ip: IP, domainId: w.domain.id, draftId })).toMatchObject({ ok: true, data: { address } });
  });

  it('is left out of a batch of new accounts (the import) as taken', async () => {
    const w = await world();
    must(await deleteAccount({ caller: w.A, ip: IP, id: w.mailbox.id, input: { confirmAddress: w.mailbox.address } }));
    const account = (localPart: string) => ({
      account: { firstName: '', lastName: '', description: localPart, localPart, passwordHash: BCRYPT_HASH, passwordGenerated: false },
      services: { quotaBytes: GB, services: NO_SERVICES },
      security: { forcePasswordChange: false, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: [], apiAccess: false },
      options: { forwards: [], forwardKeepCopy: true, spamToInbox: false },
    });
    const result = await t.db().transaction(async (tx) => {
      const { domain } = await loadWizardDomain({ ex: tx, caller: w.A, domainId: w.domain.id });
      const row = await lockDomainForCreation({ tx, caller: w.A, domainId: domain.id });
      return insertAccounts({ tx, caller: w.A, ip: IP, row, accounts: [account(w.mailbox.localPart), account('fresh')] as never });
    });
    expect(result.taken).toEqual([0]);
    expect(result.created.map((c) => c.address)).toEqual([`fresh@${w.domain.name}`]);
    expect(await t.db().select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, w.mailbox.address))).toEqual([]);
  });

  it('a deleted domain cannot be added again until its mail is gone', async () => {
    const w = await world();
    must(await deleteDomain({ caller: w.A, ip: IP, id: w.domain.id, input: { confirmName: w.domain.name } }));
    expect(await addDomain({ caller: w.A, ip: IP, input: { name: w.domain.name, planId: w.plan.id } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { name: keyWith('jobs.errors.domainBeingCleared', { domain: w.domain.name }) },
    });
    await runDueJobs({ host: null });
    expect(await addDomain({ caller: w.A, ip: IP, input: { name: w.domain.name, planId: w.plan.id } })).toMatchObject({ ok: true });
  });
});
