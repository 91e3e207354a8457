import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { admins } from '@/db/schema';

// An admin's own settings ("My settings"): the panel's language and time zone. A mailbox's own
// settings are its mailbox-settings sections (db/queries/mailbox-settings.ts).

export async function findOwnAdminSettings({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex
    .select({ email: admins.email, version: admins.version, language: admins.language, timeZone: admins.timeZone })
    .from(admins)
    .where(and(eq(admins.id, id), eq(admins.active, true)))
    .limit(1);
  return row;
}

/** Only over `version`: the new version, or undefined when the row changed meanwhile. */
export async function updateOwnAdminLocalization({
  ex,
  id,
  version,
  language,
  timeZone,
  now,
}: {
  ex: Executor;
  id: number;
  version: number;
  language: string;
  timeZone: string;
  now: Date;
}): Promise<number | undefined> {
  const [updated] = await ex
    .update(admins)
    .set({ language, timeZone, version: sql`${admins.version} + 1`, updatedAt: now })
    .where(and(eq(admins.id, id), eq(admins.version, version)))
    .returning({ version: admins.version });
  return updated?.version;
}
