import {
  resetMailboxOtpAction,
  updateAutoresponderAction,
  updateGeneralAction,
  updateMasterDataAction,
  updateSecurityAction,
  updateWebmailAction,
} from '@/app/(panel)/mailbox-settings-actions';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { superadminCaller } from '../../helpers/callers';
import type { MailboxRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { domainAStaff, domainBStaff, nobody, only, row, type AuthzRow, type CallContext, type World } from './types';

const ENDPOINT = 'app/(panel)/mailbox-settings-actions.ts';

type Target = { target: string; mailbox: (w: World) => MailboxRow; expect: AuthzRow['expect'] };

const targets: Target[] = [
  { target: 'an account of domain A', mailbox: (w) => w.accountA, expect: domainAStaff() },
  // The user's own mailbox through the administrators' endpoint: a user changes itself only in "My settings".
  { target: "the user's own account", mailbox: (w) => w.userA, expect: domainAStaff() },
  { target: 'an account of domain B', mailbox: (w) => w.accountB, expect: domainBStaff() },
  // A postmaster does not edit the postmaster mailbox (its admin does).
  { target: "domain A's postmaster mailbox", mailbox: (w) => w.postmasterA, expect: only('owningAdmin', 'superadmin') },
  { target: 'a mailbox that does not exist', mailbox: (w) => ({ ...w.accountA, id: MISSING_ID }), expect: nobody() },
];

type Section = 'masterData' | 'general' | 'security' | 'autoresponder' | 'webmail';

/** The section's form as the page would fill it (read as the superadmin), with one visible change. */
async function formOf({ world }: CallContext<unknown>, mailbox: MailboxRow, section: Section): Promise<Record<string, unknown>> {
  const id = mailbox.id === MISSING_ID ? world.accountA.id : mailbox.id;
  const { initial } = await getMailboxSettings({ caller: superadminCaller(world.superadmin), id });
  const changes: Record<Section, Record<string, unknown>> = {
    masterData: { firstName: 'Changed' },
    general: { forwardKeepCopy: false },
    security: { apiAccess: true },
    autoresponder: { subject: 'Away', body: 'Back soon.', enabled: true },
    webmail: { inAddressBook: false },
  };
  return { ...(initial[section] as Record<string, unknown>), ...changes[section] };
}

const sections = [
  { name: 'updateMasterDataAction', section: 'masterData', action: updateMasterDataAction },
  { name: 'updateGeneralAction', section: 'general', action: updateGeneralAction },
  { name: 'updateSecurityAction', section: 'security', action: updateSecurityAction },
  { name: 'updateAutoresponderAction', section: 'autoresponder', action: updateAutoresponderAction },
  { name: 'updateWebmailAction', section: 'webmail', action: updateWebmailAction },
] as const;

export const mailboxSettingsRows = targets.flatMap(({ target, mailbox, expect }) => [
  ...sections.map(({ name, section, action }) =>
    row<Record<string, unknown>>({
      endpoint: `${ENDPOINT}#${name}`,
      target,
      expect,
      prepare: (context) => formOf(context, mailbox(context.world), section),
      call: ({ world, prepared }) => action(mailbox(world).id, prepared),
    }),
  ),
  row({
    endpoint: `${ENDPOINT}#resetMailboxOtpAction`,
    target,
    expect,
    call: ({ world }) => resetMailboxOtpAction(mailbox(world).id),
  }),
]);
