import { retryJobAction } from '@/app/(panel)/jobs/actions';
import type { Database } from '@/db';
import { mailJobs } from '@/db/schema';
import type { MailboxRow } from '../../helpers/fixtures';
import { MISSING_ID } from './support';
import { nobody, only, row, type AuthzRow, type World } from './types';

// Mail-host jobs: admins retry the failed jobs of their domains (the superadmin any); postmasters and
// users see no jobs.

async function failedJobOf(db: Database, mailbox: MailboxRow): Promise<number> {
  const [job] = await db
    .insert(mailJobs)
    .values({ address: mailbox.address, mailboxId: mailbox.id, domainId: mailbox.domainId, kind: 'kick', state: 'failed', attempts: 5, lastError: 'doveadm: connection refused' })
    .returning({ id: mailJobs.id });
  return job!.id;
}

const targets: { target: string; mailbox: (w: World) => MailboxRow; expect: AuthzRow['expect'] }[] = [
  { target: 'a failed job of domain A', mailbox: (w) => w.accountA, expect: only('owningAdmin', 'superadmin') },
  { target: 'a failed job of domain B', mailbox: (w) => w.accountB, expect: only('otherAdmin', 'superadmin') },
];

export const jobRows = [
  ...targets.map(({ target, mailbox, expect }) =>
    row<number>({
      endpoint: 'app/(panel)/jobs/actions.ts#retryJobAction',
      target,
      expect,
      prepare: ({ db, world }) => failedJobOf(db, mailbox(world)),
      call: ({ prepared }) => retryJobAction(prepared),
    }),
  ),
  row({
    endpoint: 'app/(panel)/jobs/actions.ts#retryJobAction',
    target: 'a job that does not exist',
    expect: nobody(),
    call: () => retryJobAction(MISSING_ID),
  }),
];
