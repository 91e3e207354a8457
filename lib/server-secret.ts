import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret that signs sessions (and, derived, encrypts secrets at rest). It must be the same on
 * every app server: set AUTH_SECRET. Only the embedded quick start may generate one, kept in DATA_DIR.
 */
export function resolveAuthSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  const given = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (given) {
    if (given.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 48).');
    return given;
  }
  if (env.DATABASE_URL) {
    throw new Error('AUTH_SECRET is not set. With DATABASE_URL every app server needs the same secret (openssl rand -base64 48).');
  }
  const file = path.join(dataDir, 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
