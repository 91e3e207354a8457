import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { insertDraft } from '@/db/queries/account-drafts';
import { admins, mailboxes } from '@/db/schema';
import { DRAFT_TTL_SECONDS } from '@/lib/accounts/wizard/access';
import { SECURITY_STEP_DEFAULTS, securityStepSchema, servicesStepSchema } from '@/lib/validations/account-wizard';
import { BCRYPT_HASH, GIB } from '../../helpers/fixtures';
import type { CallContext } from './types';

// Small helpers the row modules share.

/** An id no row has. */
export const MISSING_ID = 999_999;

export async function mailboxVersion(db: Database, id: number): Promise<number> {
  const [row] = await db.select({ version: mailboxes.version }).from(mailboxes).where(eq(mailboxes.id, id));
  return row?.version ?? 1;
}

/** The version of the caller's own row (admin or mailbox); 1 when signed out. */
export async function ownVersion({ db, callerObject }: CallContext<unknown>): Promise<number> {
  if (!callerObject) return 1;
  if (callerObject.kind === 'mailbox') return mailboxVersion(db, callerObject.id);
  const [row] = await db.select({ version: admins.version }).from(admins).where(eq(admins.id, callerObject.id));
  return row?.version ?? 1;
}

export const SERVICES_ON = { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false };

export const WIZARD_STEP_1 = {
  firstName: 'Wanda',
  lastName: 'Wizard',
  description: '',
  localPart: 'wanda',
  passwordMode: 'set',
  password: 'Wizard password, 77 owls',
  confirmPassword: 'Wizard password, 77 owls',
};
export const WIZARD_STEP_2 = { quotaBytes: String(GIB), services: SERVICES_ON };
// The step's defaults, as a form posts them (months as text), without the forced first change.
export const WIZARD_STEP_3 = { ...SECURITY_STEP_DEFAULTS, forcePasswordChange: false, passwordExpiryMonths: '0' };
export const WIZARD_STEP_4 = { forwards: '', forwardKeepCopy: true, spamToInbox: false };

/**
 * A wizard draft in `domainId`, saved up to (not including) `step`, owned by the caller — or, for the
 * anonymous caller or when `owner` says so, by the superadmin. Written directly: how a draft came to be
 * is the wizard's own test; here it is what the step's endpoint is asked to continue.
 */
export async function draftFor(context: CallContext<unknown>, domainId: number, step: 2 | 3 | 4, owner: 'caller' | 'superadmin' = 'caller'): Promise<string> {
  const { db, world, callerObject } = context;
  const who = owner === 'caller' && callerObject ? { kind: callerObject.kind, id: callerObject.id } : { kind: 'admin' as const, id: world.superadmin.id };
  const data: Record<string, unknown> = {
    account: { firstName: 'Wanda', lastName: 'Wizard', description: '', localPart: 'wanda', passwordHash: BCRYPT_HASH, passwordGenerated: false },
  };
  if (step >= 3) data.services = servicesStepSchema.parse(WIZARD_STEP_2);
  if (step >= 4) data.security = securityStepSchema.parse(WIZARD_STEP_3);
  const { id } = await insertDraft({ ex: db, domainId, owner: who, step, data, ttlSeconds: DRAFT_TTL_SECONDS });
  return id;
}
