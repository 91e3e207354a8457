import { deleteAccountAction, setAccountActiveAction } from '@/app/(panel)/accounts/actions';
import type { MailboxRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { domainAStaff, domainBStaff, nobody, only, row, type AuthzRow, type World } from './types';

const ENDPOINT = 'app/(panel)/accounts/actions.ts';

type Target = { target: string; mailbox: (w: World) => MailboxRow; toggle: AuthzRow['expect']; remove: AuthzRow['expect'] };

const targets: Target[] = [
  { target: 'an account of domain A', mailbox: (w) => w.accountA, toggle: domainAStaff(), remove: domainAStaff() },
  { target: "the user's own account", mailbox: (w) => w.userA, toggle: domainAStaff(), remove: domainAStaff() },
  // Domain B's postmaster may deactivate but not delete (its admin left the defaults).
  { target: 'an account of domain B', mailbox: (w) => w.accountB, toggle: domainBStaff(), remove: only('otherAdmin', 'superadmin') },
  // The postmaster mailbox is no "account": it goes with its domain.
  { target: "domain A's postmaster mailbox", mailbox: (w) => w.postmasterA, toggle: nobody(), remove: nobody() },
  { target: 'an account that does not exist', mailbox: (w) => ({ ...w.accountA, id: MISSING_ID }), toggle: nobody(), remove: nobody() },
];

export const accountRows = targets.flatMap(({ target, mailbox, toggle, remove }) => [
  row({
    endpoint: `${ENDPOINT}#setAccountActiveAction`,
    target,
    expect: toggle,
    call: ({ world }) => setAccountActiveAction(mailbox(world).id, false),
  }),
  row({
    endpoint: `${ENDPOINT}#deleteAccountAction`,
    target,
    expect: remove,
    denials: ['accounts.errors.deleteNotAllowed'],
    call: ({ world }) => deleteAccountAction(mailbox(world).id, { confirmAddress: mailbox(world).address }),
  }),
]);
