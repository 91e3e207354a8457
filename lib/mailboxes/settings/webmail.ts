import { upsertWebmailPreferences } from '@/db/queries/mailbox-settings';
import { diff } from '@/lib/audit/write-audit';
import { webmailSchema } from '@/lib/validations/mailbox-settings';
import { saveSection, type SaveArgs, type SaveResult } from './access';
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
