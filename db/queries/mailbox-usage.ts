import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';

/**
 * Storage used and message count as the worker found them after a quota recalculation, written where
 * Dovecot's quota_clone writes them (the trigger of migration 0004 carries them to the account list).
 * An account deleted meanwhile gets no row.
 */
export async function saveMailboxUsage({ ex, address, storageBytes, messages }: { ex: Executor; address: string; storageBytes: number; messages: number }): Promise<void> {
  await ex.execute(sql`
    insert into mailbox_usage (address, storage_bytes, messages)
    select m.address, ${storageBytes}, ${messages} from mailboxes m where m.address = ${address}
    on conflict (address) do update set storage_bytes = excluded.storage_bytes, messages = excluded.messages`);
}
