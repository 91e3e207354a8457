import 'server-only';
import { getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { componentLogger } from '@/lib/ops/log/logger';
import { issueSetupToken } from '@/lib/setup/setup-token';

/**
 * Before the server listens: migrate, and on first run show the one-time setup link. The link is the
 * one secret that is logged, on purpose and once: the operator reads it from the service's output
 * (journalctl -u mailpanel), and it is spent when the superadmin is created.
 */
export async function prepareDatabase(publicUrl: string): Promise<void> {
  const log = componentLogger('startup');
  const handle = getDatabaseHandle();
  await runMigrations(handle);
  log.info('database migrated');
  const token = await issueSetupToken(handle.db);
  if (token) {
    const message = `No superadmin exists yet. Open this one-time link to create it: ${publicUrl}/setup?token=${token}`;
    // Shown whatever LOG_LEVEL says: without it, nobody can sign in.
    if (log.isLevelEnabled('warn')) log.warn(message);
    else process.stdout.write(`\n${message}\n\n`);
  }
}
