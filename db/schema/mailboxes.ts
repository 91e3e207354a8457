import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  cidr,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { serviceColumns, timestamps, version } from './columns';
import { domains } from './domains';

// One row per email address: postmasters and users alike. This is the table the mail servers read
// (through the views of the mail-server read model), so every limit is also a database constraint.
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: serial('id').primaryKey(),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    localPart: text('local_part').notNull(),
    // Full address, lower-cased ASCII; domain names never change, so this is kept in step at insert.
    address: text('address').notNull().unique('mailboxes_address_key'),
    isPostmaster: boolean('is_postmaster').notNull().default(false),
    // bcrypt ($2b$), read by Dovecot as {BLF-CRYPT}.
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    active: boolean('active').notNull().default(true),
    quotaBytes: bigint('quota_bytes', { mode: 'number' }).notNull(),
    dailySendLimit: integer('daily_send_limit').notNull(),
    ...serviceColumns('svc', true),

    // Master data; which of the extra fields are shown depends on the plan.
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    description: text('description').notNull().default(''),
    phone: text('phone').notNull().default(''),
    mobile: text('mobile').notNull().default(''),
    company: text('company').notNull().default(''),
    department: text('department').notNull().default(''),
    jobTitle: text('job_title').notNull().default(''),
    // The panel's own localization for this account.
    language: text('language').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    recoveryEmail: text('recovery_email'),

    // Security policy.
    forcePasswordChange: boolean('force_password_change').notNull().default(false),
    passwordExpiryMonths: smallint('password_expiry_months').notNull().default(0),
    blockPasswordReuse: boolean('block_password_reuse').notNull().default(false),
    passwordChangeDisabled: boolean('password_change_disabled').notNull().default(false),
    passwordRecoveryDisabled: boolean('password_recovery_disabled').notNull().default(false),
    otpRequired: boolean('otp_required').notNull().default(false),
    otpSecretEnc: text('otp_secret_enc'),
    otpEnabledAt: timestamp('otp_enabled_at', { withTimezone: true }),
    otpLastStep: bigint('otp_last_step', { mode: 'number' }),
    // Addresses or CIDR classes the account may sign in from; empty means anywhere.
    allowedIps: cidr('allowed_ips').array().notNull().default(sql`'{}'::cidr[]`),
    apiAccess: boolean('api_access').notNull().default(false),

    // Options.
    forwards: text('forwards').array().notNull().default(sql`'{}'::text[]`),
    forwardKeepCopy: boolean('forward_keep_copy').notNull().default(true),
    spamToInbox: boolean('spam_to_inbox').notNull().default(false),
    rejectAll: boolean('reject_all').notNull().default(false),
    rejectMessage: text('reject_message').notNull().default(''),
    inAddressBook: boolean('in_address_book').notNull().default(true),

    // Bumped whenever existing sessions must end (deactivation, password change, OTP reset).
    sessionVersion: integer('session_version').notNull().default(1),
    lastPanelLoginAt: timestamp('last_panel_login_at', { withTimezone: true }),
    ...version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mailboxes_domain_local_part_key').on(t.domainId, t.localPart),
    uniqueIndex('mailboxes_one_postmaster_per_domain').on(t.domainId).where(sql`${t.isPostmaster}`),
    // The account list sorts and searches within a domain; these keep it an index scan at 100,000.
    index('mailboxes_domain_address_idx').on(t.domainId, t.address),
    index('mailboxes_domain_quota_idx').on(t.domainId, t.quotaBytes, t.id),
    index('mailboxes_domain_active_idx').on(t.domainId, t.active, t.address),
    // A dot-atom local part in lower case (RFC 5322, ASCII only): what every mail server accepts unquoted.
    check(
      'mailboxes_local_part_shape',
      sql`char_length(${t.localPart}) between 1 and 64 and ${t.localPart} ~ '^[a-z0-9!#$%&''*+/=?^_\`{|}~-]+(\\.[a-z0-9!#$%&''*+/=?^_\`{|}~-]+)*$'`,
    ),
    // The domain part must also be the mailbox's own domain: the trigger of migration 0002 checks that.
    check(
      'mailboxes_address_shape',
      sql`${t.address} = lower(${t.address}) and ${t.address} = ${t.localPart} || '@' || split_part(${t.address}, '@', 2) and split_part(${t.address}, '@', 2) <> ''`,
    ),
    check('mailboxes_password_bcrypt', sql`${t.passwordHash} like '$2b$%'`),
    check('mailboxes_quota_positive', sql`${t.quotaBytes} > 0`),
    check(
      'mailboxes_postmaster_fixed',
      sql`not ${t.isPostmaster} or (${t.localPart} = 'postmaster' and ${t.quotaBytes} = 52428800)`,
    ),
    check('mailboxes_send_limit', sql`${t.dailySendLimit} >= 0`),
    check('mailboxes_password_expiry', sql`${t.passwordExpiryMonths} in (0, 3, 6, 12)`),
    check('mailboxes_language', sql`${t.language} in ('en', 'it')`),
    check('mailboxes_allowed_ips_max', sql`cardinality(${t.allowedIps}) <= 5`),
    check('mailboxes_forwards_max', sql`cardinality(${t.forwards}) <= 20`),
    check(
      'mailboxes_text_lengths',
      sql`char_length(${t.firstName}) <= 100 and char_length(${t.lastName}) <= 100 and char_length(${t.description}) <= 200
        and char_length(${t.phone}) <= 50 and char_length(${t.mobile}) <= 50 and char_length(${t.company}) <= 200
        and char_length(${t.department}) <= 200 and char_length(${t.jobTitle}) <= 200 and char_length(${t.rejectMessage}) <= 2000`,
    ),
  ],
);
