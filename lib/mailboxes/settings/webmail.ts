import 'server-only';
import { upsertWebmailPreferences } from '@/db/queries/mailbox-settings';
import { diff } from '@/lib/audit/write-audit';
import { ownWebmailSchema, webmailSchema } from '@/lib/validations/mailbox-settings';
import { saveOwnSection, saveSection, type SaveArgs, type SaveResult } from './access';
import { webmailDefaults } from './defaults';

/** The localization the account's webmail starts with, and whether it is in the company address book. */
export async function updateWebmail(args: SaveArgs): Promise<SaveResult> {
  return saveSection(args, 'webmail', webmailSchema, async ({ tx, row, data }) => {
    const { inAddressBook, version: _version, ...preferences } = data;
    const before = { ...(row.webmailPreferences ?? webmailDefaults(row.mailbox)), inAddressBook: row.mailbox.inAddressBook };
    return {
      values: { inAddressBook },
      afterUpdate: () => upsertWebmailPreferences({ ex: tx, mailboxId: row.mailbox.id, values: preferences }),
      details: diff(before, { ...preferences, inAddressBook }),
    };
  });
}

/**
 * The caller's own webmail localization ("My settings"): language, time zone, date and time format.
 * Whether the account is in the company address book is the administrators' to decide: not taken here.
 */
export async function updateOwnWebmail(args: Omit<SaveArgs, 'id'>): Promise<SaveResult> {
  return saveOwnSection(args, 'webmail', ownWebmailSchema, async ({ tx, row, data }) => {
    const { version: _version, ...preferences } = data;
    const before = row.webmailPreferences ?? webmailDefaults(row.mailbox);
    return {
      values: {},
      afterUpdate: () => upsertWebmailPreferences({ ex: tx, mailboxId: row.mailbox.id, values: preferences }),
      details: diff(before, preferences),
    };
  });
}
