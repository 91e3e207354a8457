import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailboxes } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { encodeSignInError, parseSignInError } from '@/lib/auth/sign-in-errors';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture } from './helpers/fixtures';

// Panel sign-in needs Webmail. An account whose Webmail is off is told so once it gave the right
// password, and only then: a wrong password, an inactive account or a refused address read as any
// other failed sign-in, so the answer says nothing to whoever does not know the password.

const t = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
const IP = '192.0.2.10';

beforeEach(() => resetTables(t.db()));

async function webmailOffAccount(values: Partial<typeof mailboxes.$inferInsert> = {}) {
  const f = await createFixture(t.db());
  await t.db().update(mailboxes).set({ passwordHash: await hashPassword(PASSWORD), webmail: false, ...values }).where(eq(mailboxes.id, f.mailbox.id));
  return f.mailbox.address;
}

const signIn = (identifier: string, password: string, ip: string | null = IP) => signInWithPassword({ identifier, password }, { ip });

describe('signing in to an account whose Webmail is off', () => {
  it('says Webmail is off after the right password, and only then', async () => {
    const address = await webmailOffAccount();
    expect(await signIn(address, 'not the password')).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(await signIn(address, PASSWORD)).toEqual({ ok: false, error: { code: 'webmailOff' } });
    expect(parseSignInError(encodeSignInError({ code: 'webmailOff' }))).toEqual({ code: 'webmailOff' });
    // The right password is not a failure: it does not count towards the lockout.
    for (let i = 0; i < 12; i += 1) expect((await signIn(address, PASSWORD)).ok).toBe(false);
    expect(await signIn(address, PASSWORD)).toEqual({ ok: false, error: { code: 'webmailOff' } });
  });

  it('reads as any failed sign-in when the account could not sign in anyway', async () => {
    expect(await signIn(await webmailOffAccount({ active: false }), PASSWORD)).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(await signIn(await webmailOffAccount({ allowedIps: ['198.51.100.1'] }), PASSWORD)).toEqual({ ok: false, error: { code: 'invalid' } });
  });
});
