import { diff } from '@/lib/audit/write-audit';
import { ownForwardsSchema } from '@/lib/validations/mailbox-settings';
import { refuse, saveOwnSection, type SaveArgs, type SaveResult } from './access';

/**
 * The caller's own forwards (up to 20 addresses, and whether to keep a copy): the forwarding part of
 * the General section (audited as such), with the same schema and the same "not to itself" check, on
 * its own mailbox.
 */
export async function updateOwnForwards(args: Omit<SaveArgs, 'id'>): Promise<SaveResult> {
  return saveOwnSection(args, 'general', ownForwardsSchema, async ({ row, data }) => {
    if (data.forwards.includes(row.mailbox.address)) return refuse({ forwards: 'mailboxSettings.errors.forwardSelf' });
    const values = { forwards: data.forwards, forwardKeepCopy: data.forwardKeepCopy };
    return { values, details: diff(row.mailbox, values) };
  });
}
