import { endOtherSessionsAction, endSessionAction } from '@/app/(panel)/me/session-actions';
import { eq } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import { openSession } from '@/lib/auth/sessions/open-session';
import { hashSessionSecret } from '@/lib/auth/sessions/secret';
import { MISSING_ID } from './support';
import { nobody, only, row, signedIn } from './types';

// "My settings", Sessions: a session is always the caller's own. Only its owner may sign one out; "sign
// out everywhere else" touches only the caller's own sessions (each signed-in caller has another one).

const ENDPOINT = 'app/(panel)/me/session-actions.ts';

export const sessionRows = [
  row<number>({
    endpoint: `${ENDPOINT}#endSessionAction`,
    target: "another session of the owning admin's",
    expect: only('owningAdmin'),
    prepare: async ({ world, db }) => {
      const secret = await openSession({ ref: { kind: 'admin', id: world.owningAdmin.id }, ip: '192.0.2.44', userAgent: 'Matrix' });
      const [created] = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.secretHash, hashSessionSecret(secret)));
      if (!created) throw new Error('no session');
      return created.id;
    },
    call: ({ prepared }) => endSessionAction(prepared),
  }),
  row({
    endpoint: `${ENDPOINT}#endSessionAction`,
    target: 'a session that does not exist',
    expect: nobody(),
    call: () => endSessionAction(MISSING_ID),
  }),
  row({
    endpoint: `${ENDPOINT}#endOtherSessionsAction`,
    target: "the caller's own other sessions",
    expect: signedIn(),
    prepare: async ({ callerObject }) => {
      if (callerObject) await openSession({ ref: { kind: callerObject.kind, id: callerObject.id }, ip: null, userAgent: 'Matrix' });
    },
    call: () => endOtherSessionsAction(),
  }),
];
