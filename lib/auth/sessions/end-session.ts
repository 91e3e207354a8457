import 'server-only';
import { getDb } from '@/db';
import { deleteSessionBySecret } from '@/db/queries/sessions';
import { hashSessionSecret } from './secret';

/** Sign-out: the session's row goes, so a copy of its cookie is worth nothing from now on. */
export async function endSessionBySecret(secret: string): Promise<void> {
  await deleteSessionBySecret({ ex: getDb(), secretHash: hashSessionSecret(secret) });
}
