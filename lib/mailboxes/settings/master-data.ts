import { diff } from '@/lib/audit/write-audit';
import { USER_DETAIL_FIELDS } from '@/lib/mail/services';
import { masterDataSchema } from '@/lib/validations/mailbox-settings';
import { refuse, saveSection, type SaveArgs, type SaveResult } from './access';

/** Names, description, the extra user details the plan enables, and the panel's language and time zone. */
export async function updateMasterData(args: SaveArgs): Promise<SaveResult> {
  return saveSection(args, 'masterData', masterDataSchema, async ({ row, data }) => {
    const enabled = new Set<string>(row.plan.userDetailFields);
    const errors: Record<string, string> = {};
    const details: Partial<Record<(typeof USER_DETAIL_FIELDS)[number], string>> = {};
    for (const field of USER_DETAIL_FIELDS) {
      const value = data[field];
      if (value === undefined) continue;
      if (enabled.has(field)) details[field] = value;
      else errors[field] = 'mailboxSettings.errors.fieldNotInPlan';
    }
    // The link must reach the owner when the account itself cannot be read: not the account's own address.
    if (data.recoveryEmail !== undefined && data.recoveryEmail === row.mailbox.address) errors.recoveryEmail = 'recovery.field.sameAsAccount';
    if (Object.keys(errors).length > 0) return refuse(errors);
    const { firstName, lastName, description, language, timeZone } = data;
    const recovery = data.recoveryEmail === undefined ? {} : { recoveryEmail: data.recoveryEmail === '' ? null : data.recoveryEmail };
    const values = { firstName, lastName, description, ...details, language, timeZone, ...recovery };
    return { values, details: diff(row.mailbox, values) };
  });
}
