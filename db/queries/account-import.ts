import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxes } from '@/db/schema';

/** Of these local parts, those the domain already has (an index probe each, in batches). */
export async function findTakenLocalParts({ ex, domainId, localParts }: { ex: Executor; domainId: number; localParts: string[] }): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let start = 0; start < localParts.length; start += 5_000) {
    const batch = localParts.slice(start, start + 5_000);
    const rows = await ex
      .select({ localPart: mailboxes.localPart })
      .from(mailboxes)
      .where(and(eq(mailboxes.domainId, domainId), inArray(mailboxes.localPart, batch)));
    for (const row of rows) taken.add(row.localPart);
  }
  return taken;
}
