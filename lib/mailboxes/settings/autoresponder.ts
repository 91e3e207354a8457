import 'server-only';
import { upsertAutoresponder } from '@/db/queries/mailbox-settings';
import { diff } from '@/lib/audit/write-audit';
import { zonedToUtc } from '@/lib/time/zoned';
import { autoresponderSchema } from '@/lib/validations/mailbox-settings';
import { refuse, saveOwnSection, saveSection, type SaveArgs, type SaveResult } from './access';
import { AUTORESPONDER_DEFAULTS } from './defaults';

/** On/off, subject, message, and from / until entered in the mailbox's time zone, stored as instants. */
export async function updateAutoresponder(args: SaveArgs): Promise<SaveResult> {
  return saveSection(args, 'autoresponder', autoresponderSchema, decideAutoresponder);
}

/** The caller's own autoresponder ("My settings"). */
export async function updateOwnAutoresponder(args: Omit<SaveArgs, 'id'>): Promise<SaveResult> {
  return saveOwnSection(args, 'autoresponder', autoresponderSchema, decideAutoresponder);
}

type AutoresponderContext = Parameters<Parameters<typeof saveSection<typeof autoresponderSchema>>[3]>[0];

async function decideAutoresponder({ tx, row, data }: AutoresponderContext) {
  const zone = row.mailbox.timeZone;
  const startsAt = data.startsAt === '' ? null : zonedToUtc(data.startsAt, zone);
  const endsAt = data.endsAt === '' ? null : zonedToUtc(data.endsAt, zone);
  if (data.startsAt !== '' && !startsAt) return refuse({ startsAt: 'mailboxSettings.errors.dateTime' });
  if (data.endsAt !== '' && !endsAt) return refuse({ endsAt: 'mailboxSettings.errors.dateTime' });
  // The instants decide (the same wall-clock text can name two instants when clocks go back).
  if (startsAt && endsAt && endsAt <= startsAt) return refuse({ endsAt: 'mailboxSettings.errors.untilBeforeFrom' });

  const values = { enabled: data.enabled, subject: data.subject, body: data.body, startsAt, endsAt };
  const before = row.autoresponder ?? AUTORESPONDER_DEFAULTS;
  return {
    values: {},
    afterUpdate: () => upsertAutoresponder({ ex: tx, mailboxId: row.mailbox.id, values }),
    details: diff(before, values),
  };
}
