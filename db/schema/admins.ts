import { sql } from 'drizzle-orm';
import { bigint, boolean, check, cidr, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, version } from './columns';

export const admins = pgTable(
  'admins',
  {
    id: serial('id').primaryKey(),
    // Sign-in name; stored lower-cased.
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: ['superadmin', 'admin'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    active: boolean('active').notNull().default(true),
    // Bumped whenever existing sessions must end (deactivation, password change, OTP reset).
    sessionVersion: integer('session_version').notNull().default(1),
    language: text('language').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    otpSecretEnc: text('otp_secret_enc'),
    otpEnabledAt: timestamp('otp_enabled_at', { withTimezone: true }),
    otpLastStep: bigint('otp_last_step', { mode: 'number' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    // Where the admin may sign in and use the panel and the API from; empty: anywhere. Set by the superadmin.
    allowedIps: cidr('allowed_ips').array().notNull().default(sql`'{}'::cidr[]`),
    ...version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('admins_email_key').on(t.email),
    // There is exactly one superadmin: the first admin, created at setup.
    uniqueIndex('admins_one_superadmin').on(t.role).where(sql`${t.role} = 'superadmin'`),
    check('admins_email_lowercase', sql`${t.email} = lower(${t.email}) and char_length(${t.email}) between 3 and 254`),
    check('admins_role', sql`${t.role} in ('superadmin', 'admin')`),
    check('admins_password_bcrypt', sql`${t.passwordHash} like '$2b$%'`),
    check('admins_language', sql`${t.language} in ('en', 'it')`),
    check('admins_name_length', sql`char_length(${t.name}) <= 200`),
    check('admins_allowed_ips_max', sql`cardinality(${t.allowedIps}) <= 5`),
  ],
);

// Settings of the whole panel, set by the superadmin: one row (id 1), absent until first changed.
export const panelSettings = pgTable(
  'panel_settings',
  {
    id: integer('id').primaryKey().default(1),
    // Every admin (the superadmin too) must sign in with a code; one without OTP is sent to set it up.
    adminOtpRequired: boolean('admin_otp_required').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('panel_settings_one_row', sql`${t.id} = 1`)],
);
