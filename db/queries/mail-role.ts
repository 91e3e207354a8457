import 'server-only';
import pg from 'pg';

// The mail servers' login role: cluster-level DDL run by `npm run mail:role` (scripts/mail-role.ts) on its
// own connection as someone allowed to create roles, never by the panel's pool.

/** The role's comment: which database it serves, so that running mail:role for another one cannot take it over. */
const roleComment = (database: string) => `mailpanel mail servers of database ${JSON.stringify(database)}`;
const COMMENT_DATABASE = /^mailpanel mail servers of database ("(?:[^"\\]|\\.)*")$/;

// What the mail servers write: Dovecot's quota_clone and last_login dictionaries (upserts), and the policy
// service's sent-message buckets. Everything else they only read, through the views of schema "mail".
export const MAIL_ROLE_WRITABLE_TABLES = ['mailbox_usage', 'mailbox_last_login', 'mailbox_sent'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates) the mail servers' login role in the database at `adminUrl` and grants it exactly
 * what the servers need. Roles belong to the whole Postgres cluster, which is why the migrations leave
 * this to a command run by someone allowed to create roles. Safe to run again (e.g. to change the
 * password); views added by later migrations are covered by the default privileges set here.
 */
export async function grantMailRole({ adminUrl, role, password }: { adminUrl: string; role: string; password: string }): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`Role names are lower-case letters, digits and _ (got "${role}").`);
  if (password.length < 16) throw new Error('The role password must have at least 16 characters.');
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role);
    const { rows } = await client.query<{ database: string; owner: string }>(
      `select current_database() as database, pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = 'mail'`,
    );
    const target = rows[0];
    if (!target) throw new Error('This database has no schema "mail": run the migrations first (npm run db:migrate).');
    await client.query('begin');
    const exists = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_authid') as comment from pg_roles where rolname = $1`,
      [role],
    );
    const served = COMMENT_DATABASE.exec(exists.rows[0]?.comment ?? '')?.[1];
    if (served !== undefined && JSON.parse(served) !== target.database) {
      throw new Error(
        `The role ${role} already serves the database ${served}: roles belong to the whole PostgreSQL cluster, so each panel database needs its own (--role NAME, or leave --role out for one named after this database).`,
      );
    }
    const options = `login nosuperuser nocreatedb nocreaterole noinherit noreplication password ${client.escapeLiteral(password)}`;
    await client.query(exists.rowCount ? `alter role ${name} with ${options}` : `create role ${name} with ${options}`);
    await client.query(`comment on role ${name} is ${client.escapeLiteral(roleComment(target.database))}`);
    const database = client.escapeIdentifier(target.database);
    const owner = client.escapeIdentifier(target.owner);
    for (const statement of [
      `grant connect on database ${database} to ${name}`,
      `grant usage on schema mail to ${name}`,
      `grant select on all tables in schema mail to ${name}`,
      `alter default privileges for role ${owner} in schema mail grant select on tables to ${name}`,
      `grant execute on function mail.record_login(text, text, text) to ${name}`,
      `grant usage on schema public to ${name}`,
      ...MAIL_ROLE_WRITABLE_TABLES.map((table) => `grant select, insert, update on public.${table} to ${name}`),
    ]) {
      await client.query(statement);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Removes a role created for a test run (its database must be gone already, or its grants dropped). */
export async function dropMailRole({ adminUrl, role }: { adminUrl: string; role: string }): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`Invalid role name "${role}".`);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`drop role if exists ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}
