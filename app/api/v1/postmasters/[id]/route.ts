import { apiRoute } from '@/lib/api/handler';
import { getPostmasterOp } from '@/lib/api/operations/mailboxes';
import { presentMailbox } from '@/lib/api/present';
import { notFound } from '@/lib/failure';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';

export const GET = apiRoute(getPostmasterOp, async ({ caller, params }) => {
  const settings = await getMailboxSettings({ caller, id: params.id });
  if (!settings.mailbox.isPostmaster) throw notFound();
  return presentMailbox(settings);
});
