import { createAccountAppPasswordAction, revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';
import { createOwnAppPasswordAction, revokeOwnAppPasswordAction } from '@/app/(panel)/me/app-password-actions';
import type { Database } from '@/db';
import { insertAppPassword } from '@/db/queries/app-passwords';
import { generateAppPassword } from '@/lib/app-passwords/secret';
import { BCRYPT_HASH, type MailboxRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { domainAStaff, domainBStaff, nobody, only, row, type AuthzRow, type World } from './types';

// App passwords: the owner creates and revokes its own; those who manage an account may create and
// revoke the account's.

let issued = 0;

/** A live app password of the mailbox (its id), written directly. */
export async function appPasswordOf(db: Database, mailboxId: number): Promise<number> {
  issued += 1;
  const values = { mailboxId, name: `Phone ${issued}`, protocol: 'imap' as const, lookup: generateAppPassword().lookup, passwordHash: BCRYPT_HASH };
  const row = await insertAppPassword({ ex: db, values });
  if (!row) throw new Error('no app password was inserted');
  return row.id;
}

type Target = { target: string; mailbox: (w: World) => MailboxRow; expect: AuthzRow['expect'] };

const managed: Target[] = [
  { target: 'an app password of an account of domain A', mailbox: (w) => w.accountA, expect: domainAStaff() },
  { target: 'an app password of an account of domain B', mailbox: (w) => w.accountB, expect: domainBStaff() },
  { target: "an app password of domain A's postmaster", mailbox: (w) => w.postmasterA, expect: only('owningAdmin', 'superadmin') },
];

const mailboxCallers = only('user', 'postmaster', 'otherPostmaster');

export const appPasswordRows = [
  ...managed.map(({ target, mailbox, expect }) =>
    row({
      endpoint: 'app/(panel)/app-password-actions.ts#createAccountAppPasswordAction',
      target: target.replace('an app password of', 'a new app password for'),
      expect,
      call: ({ world }) => createAccountAppPasswordAction(mailbox(world).id, { name: 'Handed over', protocol: 'imap' }),
    }),
  ),
  ...managed.map(({ target, mailbox, expect }) =>
    row<number>({
      endpoint: 'app/(panel)/app-password-actions.ts#revokeAccountAppPasswordAction',
      target,
      expect,
      prepare: ({ db, world }) => appPasswordOf(db, mailbox(world).id),
      call: ({ world, prepared }) => revokeAccountAppPasswordAction(mailbox(world).id, prepared),
    }),
  ),
  // The app password exists, but under another mailbox than the one named.
  row<number>({
    endpoint: 'app/(panel)/app-password-actions.ts#revokeAccountAppPasswordAction',
    target: "domain B's app password named under an account of domain A",
    expect: nobody(),
    prepare: ({ db, world }) => appPasswordOf(db, world.accountB.id),
    call: ({ world, prepared }) => revokeAccountAppPasswordAction(world.accountA.id, prepared),
  }),
  row({
    endpoint: 'app/(panel)/me/app-password-actions.ts#createOwnAppPasswordAction',
    target: "the caller's own mailbox (admins have none)",
    expect: mailboxCallers,
    call: () => createOwnAppPasswordAction({ name: 'Laptop', protocol: 'smtp' }),
  }),
  row<number | null>({
    endpoint: 'app/(panel)/me/app-password-actions.ts#revokeOwnAppPasswordAction',
    target: "one of the caller's own app passwords",
    expect: mailboxCallers,
    prepare: ({ db, callerObject }) => (callerObject?.kind === 'mailbox' ? appPasswordOf(db, callerObject.id) : Promise.resolve(null)),
    call: ({ prepared }) => revokeOwnAppPasswordAction(prepared ?? MISSING_ID),
  }),
  row<number>({
    endpoint: 'app/(panel)/me/app-password-actions.ts#revokeOwnAppPasswordAction',
    target: "an app password of an account of domain A (not the caller's)",
    expect: nobody(),
    prepare: ({ db, world }) => appPasswordOf(db, world.accountA.id),
    call: ({ prepared }) => revokeOwnAppPasswordAction(prepared),
  }),
];
