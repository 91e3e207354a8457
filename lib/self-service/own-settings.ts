import 'server-only';
import { getDb } from '@/db';
import { findOwnAdminSettings, updateOwnAdminLocalization } from '@/db/queries/own-settings';
import { invalid, ok, type ActionResult } from '@/lib/action-result';
import { diff, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { conflict, notFound } from '@/lib/failure';
import type { Language } from '@/lib/mail/services';
import { loadOwnMailbox, saveOwnSection, type SaveResult } from '@/lib/mailboxes/settings/access';
import { autoresponderValues, webmailValues } from '@/lib/mailboxes/settings/initial-values';
import {
  ownLocalizationSchema,
  type AutoresponderInput,
  type OwnForwardsInput,
  type OwnLocalizationInput,
  type OwnWebmailInput,
} from '@/lib/validations/mailbox-settings';

// "My settings": what every signed-in account changes for itself, and nothing else. The account is
// always the caller's own (never an id from the request); the section schemas drop any other field
// (quota, services, security flags…). Mailboxes (users with Webmail — the session guard enforces it —
// and postmasters): the panel's language and time zone, the webmail's localization, the
// autoresponder. Admins: the panel's language and time zone. Every save is version-checked and audited.

type Context = { caller: Caller; ip: string | null; input: unknown };

export type OwnMailboxSettings = {
  kind: 'mailbox';
  address: string;
  version: number;
  passwordChangeDisabled: boolean;
  otpEnabled: boolean;
  initial: { localization: OwnLocalizationInput; webmail: OwnWebmailInput; autoresponder: AutoresponderInput; forwards: OwnForwardsInput };
};

export type OwnAdminSettings = {
  kind: 'admin';
  address: string;
  version: number;
  initial: { localization: OwnLocalizationInput };
};

export async function getOwnSettings(caller: Caller): Promise<OwnMailboxSettings | OwnAdminSettings> {
  assertCan(caller, 'self:read');
  const db = getDb();
  if (caller.kind === 'admin') {
    const row = await findOwnAdminSettings({ ex: db, id: caller.id });
    if (!row) throw notFound();
    return {
      kind: 'admin',
      address: row.email,
      version: row.version,
      initial: { localization: { version: row.version, language: row.language as Language, timeZone: row.timeZone } },
    };
  }
  const row = await loadOwnMailbox({ ex: db, caller });
  const { mailbox } = row;
  const version = mailbox.version;
  return {
    kind: 'mailbox',
    address: mailbox.address,
    version,
    passwordChangeDisabled: mailbox.passwordChangeDisabled,
    otpEnabled: mailbox.otpEnrolled,
    initial: {
      localization: { version, language: mailbox.language as Language, timeZone: mailbox.timeZone },
      webmail: webmailValues(row),
      autoresponder: autoresponderValues(row),
      forwards: { version, forwards: mailbox.forwards, forwardKeepCopy: mailbox.forwardKeepCopy },
    },
  };
}

/** The panel's language and time zone, for a mailbox or an admin. */
export async function updateOwnLocalization({ caller, ip, input }: Context): Promise<SaveResult> {
  assertCan(caller, 'self:update');
  if (caller.kind === 'mailbox') {
    return saveOwnSection({ caller, ip, input }, 'localization', ownLocalizationSchema, async ({ row, data }) => {
      const values = { language: data.language, timeZone: data.timeZone };
      return { values, details: diff(row.mailbox, values) };
    });
  }
  const parsed = ownLocalizationSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { version, language, timeZone } = parsed.data;
  return getDb().transaction(async (tx): Promise<ActionResult<{ version: number }>> => {
    const before = await findOwnAdminSettings({ ex: tx, id: caller.id });
    if (!before) throw notFound();
    const updated = await updateOwnAdminLocalization({ ex: tx, id: caller.id, version, language, timeZone, now: new Date() });
    if (updated === undefined) throw conflict();
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'admin.updateOwn.localization',
      targetType: 'admin',
      targetId: caller.id,
      targetLabel: before.email,
      details: diff(before, { language, timeZone }),
    });
    return ok({ version: updated });
  });
}

export { updateOwnWebmail } from '@/lib/mailboxes/settings/webmail';
export { updateOwnAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
export { updateOwnForwards } from '@/lib/mailboxes/settings/forwards';
