import { updateOwnAutoresponderAction, updateOwnLocalizationAction, updateOwnWebmailAction } from '@/app/(panel)/me/actions';
import { ownVersion } from './support';
import { only, row, signedIn } from './types';

// "My settings": always the caller's own row, whatever id the form sends (here another account's).
// Admins have a panel language and time zone, but no webmail and no autoresponder.

const ENDPOINT = 'app/(panel)/me/actions.ts';
const mailboxes = only('user', 'postmaster', 'otherPostmaster');

export const selfRows = [
  row({
    endpoint: `${ENDPOINT}#updateOwnLocalizationAction`,
    target: "the caller's own account",
    expect: signedIn(),
    call: async (context) => updateOwnLocalizationAction(context.world.accountB.id, { version: await ownVersion(context), language: 'it', timeZone: 'Europe/Rome' }),
  }),
  row({
    endpoint: `${ENDPOINT}#updateOwnWebmailAction`,
    target: "the caller's own mailbox",
    expect: mailboxes,
    call: async (context) =>
      updateOwnWebmailAction(context.world.accountB.id, {
        version: await ownVersion(context),
        language: 'it',
        timeZone: 'Europe/Rome',
        dateFormat: 'dd/MM/yyyy',
        timeFormat: 'HH:mm',
      }),
  }),
  row({
    endpoint: `${ENDPOINT}#updateOwnAutoresponderAction`,
    target: "the caller's own mailbox",
    expect: mailboxes,
    call: async (context) =>
      updateOwnAutoresponderAction(context.world.accountB.id, {
        version: await ownVersion(context),
        enabled: true,
        subject: 'Away',
        body: 'Back on Monday.',
        startsAt: '',
        endsAt: '',
      }),
  }),
];
