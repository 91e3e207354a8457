import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { admins, mailboxes, webmailPreferences } from '@/db/schema';
import { RENAMED_ZONES } from '@/lib/time/zoned';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture } from './helpers/fixtures';

// Migration 0013 moves stored time zones to their current IANA names; new values are stored that way by
// the validation (lib/time/zoned.test.ts). Here: the migration's statements on rows with the old names.

const t = useTestDatabase();
const MIGRATION = readFileSync('db/migrations/0013_canonical_time_zones.sql', 'utf8');

beforeEach(() => resetTables(t.db()));

describe('migration 0013: current time zone names', () => {
  it('renames every old name the panel knows, in admins, mailboxes and webmail preferences, and nothing else', async () => {
    const f = await createFixture(t.db());
    await t.db().update(admins).set({ timeZone: 'Asia/Calcutta' }).where(eq(admins.id, f.admin.id));
    await t.db().update(mailboxes).set({ timeZone: 'Europe/Kiev' }).where(eq(mailboxes.id, f.mailbox.id));
    await t.db().update(mailboxes).set({ timeZone: 'Europe/Rome' }).where(eq(mailboxes.id, f.postmaster.id));
    await t.db().insert(webmailPreferences).values({ mailboxId: f.mailbox.id, timeZone: 'Asia/Saigon' });

    for (const statement of MIGRATION.split('--> statement-breakpoint')) await t.db().execute(sql.raw(statement));

    const [admin] = await t.db().select({ tz: admins.timeZone }).from(admins).where(eq(admins.id, f.admin.id));
    const [mailbox] = await t.db().select({ tz: mailboxes.timeZone }).from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    const [postmaster] = await t.db().select({ tz: mailboxes.timeZone }).from(mailboxes).where(eq(mailboxes.id, f.postmaster.id));
    const [prefs] = await t.db().select({ tz: webmailPreferences.timeZone }).from(webmailPreferences).where(eq(webmailPreferences.mailboxId, f.mailbox.id));
    expect([admin?.tz, mailbox?.tz, postmaster?.tz, prefs?.tz]).toEqual(['Asia/Kolkata', 'Europe/Kyiv', 'Europe/Rome', 'Asia/Ho_Chi_Minh']);
  });

  it('lists exactly the renames the code knows', () => {
    for (const [old, current] of Object.entries(RENAMED_ZONES)) expect(MIGRATION).toContain(`('${old}', '${current}')`);
    expect(MIGRATION.match(/\('[^']+', '[^']+'\)/g)?.length).toBe(Object.keys(RENAMED_ZONES).length * 3);
  });
});
