import 'server-only';
import { randomBytes } from 'node:crypto';

// The role's DDL (create, grant, drop) lives with the other SQL, in db/queries/mail-role.ts.
export { dropMailRole, grantMailRole, MAIL_ROLE_WRITABLE_TABLES } from '@/db/queries/mail-role';

/**
 * The mail role's default name for a database: roles belong to the whole PostgreSQL cluster, so two
 * panels' databases on one server need two roles (database mailpanel: mailpanel_mail).
 */
export function defaultMailRole(databaseName: string): string {
  const base = databaseName.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^(?=[^a-z_])/, '_');
  return `${base.slice(0, 58)}_mail`;
}

/** 32 random bytes in URL-safe base64: fits both servers' configuration files unquoted. */
export function generateRolePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** The URL the mail servers connect with: `databaseUrl`'s server and database, as `role`. */
export function mailRoleUrl(databaseUrl: string, role: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
