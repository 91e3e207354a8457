import { beforeEach, describe, expect, it } from 'vitest';
import { accountListNotice } from '@/lib/accounts/list-notice';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertMailbox, type Fixture } from './helpers/fixtures';

// The notice on the account list after Create (?created=<id>) or a deletion (?deleted=<address>): the
// query string is anyone's to write, so it must name only what the caller may read, in this domain.

const t = useTestDatabase();

beforeEach(() => resetTables(t.db()));

async function twoDomains(): Promise<Fixture & { otherDomain: { id: number; name: string }; otherMailbox: { id: number } }> {
  const f = await createFixture(t.db());
  const otherAdmin = await insertAdmin(t.db());
  const otherDomain = await insertDomain(t.db(), { adminId: otherAdmin.id, planId: f.plan.id });
  const otherMailbox = await insertMailbox(t.db(), otherDomain, 'secret');
  return { ...f, otherDomain, otherMailbox };
}

describe('the account list notice', () => {
  it('names the created account, with its id for the link, to a caller who may read it', async () => {
    const f = await twoDomains();
    const notice = await accountListNotice({ caller: adminCaller(f.admin), domain: f.domain, search: { created: String(f.mailbox.id) } });
    expect(notice).toEqual({ kind: 'created', id: f.mailbox.id, address: f.mailbox.address });
    const pm = await accountListNotice({ caller: postmasterCaller(f.postmaster), domain: f.domain, search: { created: String(f.mailbox.id) } });
    expect(pm?.kind).toBe('created');
  });

  it('shows nothing for an account of another domain, out of scope or not, nor for the postmaster mailbox', async () => {
    const f = await twoDomains();
    // Admin A may not read the other admin's domain: as if the id did not exist.
    expect(await accountListNotice({ caller: adminCaller(f.admin), domain: f.domain, search: { created: String(f.otherMailbox.id) } })).toBeNull();
    // The superadmin may read it, but it is not in this list's domain.
    expect(await accountListNotice({ caller: superadminCaller(f.admin), domain: f.domain, search: { created: String(f.otherMailbox.id) } })).toBeNull();
    expect(await accountListNotice({ caller: adminCaller(f.admin), domain: f.domain, search: { created: String(f.postmaster.id) } })).toBeNull();
  });

  it('shows nothing for hostile or bogus input, and never throws', async () => {
    const f = await twoDomains();
    const caller = adminCaller(f.admin);
    const hostile: Record<string, string | string[]>[] = [
      { created: '999999' },
      { created: '0' },
      { created: '-1' },
      { created: '1e3' },
      { created: '99999999999999999999' },
      { created: '2147483648' },
      { created: `${f.mailbox.id} OR 1=1` },
      { created: ['1', '2'] },
      { created: '<script>alert(1)</script>' },
      { deleted: '<img src=x onerror=alert(1)>@' + f.domain.name },
      { deleted: 'Call +1 555 0100 now, your account is locked' },
      { deleted: `someone@${f.otherDomain.name}` },
      { deleted: `@${f.domain.name}` },
      { deleted: `${'a'.repeat(65)}@${f.domain.name}` },
      { deleted: 'x'.repeat(100_000) },
      { deleted: ['a@b', 'c@d'] },
      { deleted: `a\u0000b@${f.domain.name}` },
    ];
    for (const search of hostile) {
      expect(await accountListNotice({ caller, domain: f.domain, search }), JSON.stringify(search).slice(0, 80)).toBeNull();
    }
  });

  it('names a deleted address of this domain, as written in the domain', async () => {
    const f = await twoDomains();
    const notice = await accountListNotice({ caller: adminCaller(f.admin), domain: f.domain, search: { deleted: `gone.user@${f.domain.name}` } });
    expect(notice).toEqual({ kind: 'deleted', address: `gone.user@${f.domain.name}` });
  });
});
