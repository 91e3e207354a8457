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
import { extensionOf, ownedBy, serviceColumns, timestamps, version } from './columns';
import { domains } from './domains';

// One row per email address: postmasters and users alike. This is the table the mail servers read
// (through the views of the mail-server read model), so every limit is also a database constraint.
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: serial('id').primaryKey(),
    domainId: ownedBy('domain_id', () => domains.id),
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

    // The account list's figures, kept in step by the triggers of migration 0004 (never written by the
    // panel itself), so that every sort is an index scan within a domain even at 100,000 accounts:
    // mailbox_usage.storage_bytes (0 without a row);
    usedBytes: bigint('used_bytes', { mode: 'number' }).notNull().default(0),
    // the latest of mailbox_last_login's imap/pop3/smtp and last_panel_login_at (null: never);
    lastAccessAt: timestamp('last_access_at', { withTimezone: true }),
    // the mailbox_sent buckets younger than mailbox_sent_window.counted_after (see there);
    sent24h: integer('sent_24h').notNull().default(0),
    // the pending or running mail_jobs of this mailbox ("Updating" while above 0).
    openJobs: integer('open_jobs').notNull().default(0),
    // The list's status order: Updating, Online, Offline. Within one domain this stays in step with what
    // is shown even when the domain is deactivated (then Online reads Offline, and the order still holds).
    statusRank: smallint('status_rank')
      .notNull()
      .generatedAlwaysAs(sql`case when "open_jobs" > 0 then 0 when "active" then 1 else 2 end`),
    // What the list's search looks in, lower-cased so that a plain LIKE (cheaper than ILIKE) finds any
    // case: substring search through a trigram index.
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`lower("address" || ' ' || "first_name" || ' ' || "last_name" || ' ' || "description")`),
    ...version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mailboxes_domain_local_part_key').on(t.domainId, t.localPart),
    uniqueIndex('mailboxes_one_postmaster_per_domain').on(t.domainId).where(sql`${t.isPostmaster}`),
    // The account list sorts and searches within a domain; these keep it an index scan at 100,000:
    // one (domain_id, sort key, id) index per sortable column, read forwards or backwards, with the id
    // inside so that the page of ids is an index-only scan even at a deep OFFSET.
    index('mailboxes_domain_address_idx').on(t.domainId, t.address, t.id),
    index('mailboxes_domain_status_idx').on(t.domainId, t.statusRank, t.id),
    index('mailboxes_domain_used_idx').on(t.domainId, t.usedBytes, t.id),
    // Never signed in sorts as the oldest: first ascending, last descending (a backward scan).
    index('mailboxes_domain_last_access_idx').on(t.domainId, t.lastAccessAt.asc().nullsFirst(), t.id),
    index('mailboxes_domain_sent_idx').on(t.domainId, t.sent24h, t.id),
    index('mailboxes_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    // The list's filters (db/queries/accounts.ts, accountCriteriaWhere), each on its selective side: the
    // accounts that pass are few, so a filtered page and its count read these small indexes instead of the
    // domain's 100,000 rows; the common side (two-step off, a service on) walks the sort index. Status,
    // "never" and "idle for N days" are served by the status and last-access indexes above.
    index('mailboxes_filter_full_idx').on(t.domainId, t.id).where(sql`${t.usedBytes} * 10 >= ${t.quotaBytes} * 9`),
    index('mailboxes_filter_otp_idx').on(t.domainId, t.id).where(sql`${t.otpEnabledAt} is not null`),
    index('mailboxes_filter_forwarding_idx').on(t.domainId, t.id).where(sql`cardinality(${t.forwards}) > 0`),
    index('mailboxes_filter_pop_off_idx').on(t.domainId, t.id).where(sql`not ${t.pop}`),
    index('mailboxes_filter_imap_off_idx').on(t.domainId, t.id).where(sql`not ${t.imap}`),
    index('mailboxes_filter_smtp_off_idx').on(t.domainId, t.id).where(sql`not ${t.smtp}`),
    index('mailboxes_filter_webmail_off_idx').on(t.domainId, t.id).where(sql`not ${t.webmail}`),
    index('mailboxes_filter_activesync_on_idx').on(t.domainId, t.id).where(sql`${t.activesync}`),
    index('mailboxes_filter_dav_on_idx').on(t.domainId, t.id).where(sql`${t.dav}`),
    index('mailboxes_filter_xmpp_on_idx').on(t.domainId, t.id).where(sql`${t.xmpp}`),
    // Every column a filter reads but forwarding (its own index above), and the id: a filtered count
    // (capped at COUNT_CAP) and the ids of its first matches are an index-only scan of this whatever the
    // filters combined, not a read of up to 10,001 rows of the table (two-step off: 85,000 of 100,000 pass).
    index('mailboxes_filter_columns_idx').on(
      t.domainId,
      t.statusRank,
      t.otpEnabledAt,
      t.lastAccessAt,
      t.usedBytes,
      t.quotaBytes,
      t.imap,
      t.pop,
      t.smtp,
      t.webmail,
      t.activesync,
      t.dav,
      t.xmpp,
      t.id,
    ),
    // Summing a domain's allocated storage reads this index only.
    index('mailboxes_domain_quota_idx').on(t.domainId, t.quotaBytes, t.id),
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

// How many mailboxes (postmaster included) each domain has and the storage they are allotted, kept by
// triggers on mailboxes (migrations 0004 and 0020), so that the account list, the domain list and a
// domain's page show them without reading 100,000 rows on every request. A domain without a row has none.
export const mailboxCounts = pgTable(
  'mailbox_counts',
  {
    domainId: extensionOf('domain_id', () => domains.id),
    accounts: integer('accounts').notNull().default(0),
    allocatedBytes: bigint('allocated_bytes', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('mailbox_counts_nonnegative', sql`${t.accounts} >= 0`), check('mailbox_counts_allocated_nonnegative', sql`${t.allocatedBytes} >= 0`)],
);
