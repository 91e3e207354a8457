import 'server-only';
import { getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { issueSetupToken } from '@/lib/setup/setup-token';

/** Before the server listens: migrate, and on first run print the one-time setup link. */
export async function prepareDatabase(publicUrl: string, log: (line: string) => void): Promise<void> {
  const handle = getDatabaseHandle();
  await runMigrations(handle);
  const token = await issueSetupToken(handle.db);
  if (token) {
    log('');
    log('No superadmin exists yet. Open this one-time link to create it:');
    log(`  ${publicUrl}/setup?token=${token}`);
    log('');
  }
}
