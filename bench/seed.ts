import pg from 'pg';

// Seeds one big domain the way the panel and the mail servers would have filled it, but set-based:
// every table is one INSERT … SELECT over generate_series (no per-row round trips), with one bcrypt hash
// shared by all accounts. The mail servers' tables (usage, last login, sent, jobs) are loaded with
// triggers off and the derived list columns are then computed once by mailbox_list_refresh() (the same
// function the migration backfills with); the triggers themselves are covered by the integration tests.
// For 1,000,000 accounts within the 3 minutes of issue 21 (point 4), the accounts too are loaded with
// triggers off (their effects written once: the domains' counts), with their list figures already computed
// from the formulas the mail servers' rows are loaded with (so the refresh rewrites almost no row), and
// without the secondary indexes of `mailboxes`, which are built afterwards on two connections: building an
// index once is far cheaper than growing ~20 of them (one a trigram GIN) row by row.

export const BENCH_DOMAIN = 'bench.example';
export const BENCH_ADMIN = 'bench-admin@example.net';
export const BENCH_PASSWORD = 'bench-password-0123456789';

const FIRST = [
  'Mario', 'Anna', 'Luca', 'Giulia', 'Marco', 'Sara', 'Paolo', 'Elena', 'Andrea', 'Chiara', 'John', 'Mary', 'James',
  'Linda', 'Robert', 'Susan', 'David', 'Karen', 'Peter', 'Laura', 'Tom', 'Emma', 'Lukas', 'Sofia', 'Noah', 'Mia', 'Leon',
  'Hanna', 'Felix', 'Lea', 'Hugo', 'Alice', 'Louis', 'Chloe', 'Jules', 'Ines', 'Pablo', 'Lucia', 'Diego', 'Marta', 'Ivan',
  'Olga', 'Piotr', 'Zofia', 'Jan', 'Eva', 'Erik', 'Ingrid', 'Omar', 'Yara',
];
const LAST = [
  'rossi', 'russo', 'ferrari', 'esposito', 'bianchi', 'romano', 'colombo', 'ricci', 'marino', 'greco', 'bruno', 'gallo',
  'conti', 'deluca', 'mancini', 'costa', 'giordano', 'rizzo', 'lombardi', 'moretti', 'smith', 'johnson', 'williams',
  'brown', 'jones', 'miller', 'davis', 'garcia', 'wilson', 'anderson', 'taylor', 'thomas', 'moore', 'martin', 'jackson',
  'thompson', 'white', 'harris', 'clark', 'lewis', 'muller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner',
  'becker', 'schulz', 'hoffmann', 'dubois', 'durand', 'leroy', 'moreau', 'simon', 'laurent', 'lefebvre', 'michel', 'fournier',
  'girard', 'lopez', 'gonzalez', 'rodriguez', 'fernandez', 'sanchez', 'perez', 'gomez', 'diaz', 'alvarez', 'romero',
  'novak', 'kowalski', 'nowak', 'wisniewski', 'dvorak', 'horvat', 'kovac', 'nagy', 'toth', 'szabo', 'jensen', 'nielsen',
  'hansen', 'larsen', 'andersen', 'berg', 'lund', 'holm', 'strand', 'dahl', 'ivanov', 'petrov', 'popov', 'sokolov',
  'volkov', 'kuznetsov', 'yilmaz', 'kaya', 'demir', 'celik',
];

/** Builds the indexes on two connections at once (one core each), with room to sort in memory. */
export async function buildIndexes(url: string, indexes: { name: string; def: string }[], log: (line: string) => void): Promise<void> {
  const started = performance.now();
  // Largest first (the trigram index), the rest taken by whichever connection is free.
  const queue = [...indexes].sort((a, b) => Number(/using gin/i.test(b.def)) - Number(/using gin/i.test(a.def)));
  await Promise.all(
    [0, 1].map(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`set maintenance_work_mem = '256MB'`);
        for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.def);
      } finally {
        await client.end();
      }
    }),
  );
  log(`  ${indexes.length} indexes of mailboxes built: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function sqlArray(values: string[]): string {
  return `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
}

type Client = pg.Client;
type Log = (line: string) => void;

/** `one` row of a query, and `run` a statement with its row count and time logged. */
export function queryHelpers(client: Client, log: Log) {
  const one = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as T;
  const run = async (label: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  return { one, run };
}

/** The bench admin (who owns the seeded domains), a second admin, and the superadmin (so the server prints no setup link). */
export async function insertBenchAdmins(client: Client, passwordHash: string): Promise<{ adminId: number; otherAdmin: number }> {
  const { one } = queryHelpers(client, () => {});
  const { id: adminId } = await one<{ id: number }>(
    `insert into admins (email, name, role, password_hash) values ($1, 'Bench admin', 'admin', $2) returning id`,
    [BENCH_ADMIN, passwordHash],
  );
  const { id: otherAdmin } = await one<{ id: number }>(
    `insert into admins (email, name, role, password_hash) values ('bench-other@example.net', 'Other admin', 'admin', $1) returning id`,
    [passwordHash],
  );
  // The superadmin exists, so the server prints no setup link.
  await client.query(`insert into admins (email, name, role, password_hash) values ('bench-root@example.net', 'Root', 'superadmin', $1)`, [passwordHash]);
  return { adminId, otherAdmin };
}

/** The plan every seeded domain is on. */
export async function insertBenchPlan(client: Client): Promise<number> {
  const { one } = queryHelpers(client, () => {});
  const { id } = await one<{ id: number }>(
    `insert into plans (name, storage_options_bytes, domain_storage_bytes, max_accounts, default_daily_send_limit, max_daily_send_limit)
     values ('Bench', array[1073741824, 5368709120, 10737418240]::bigint[], 1125899906842624, 1000000, 500, 2000) returning id`,
  );
  return id;
}

/**
 * The accounts' INSERT … SELECT. `rows` is a FROM item `s` giving `g` (the account's number in its domain)
 * and `id`; `domainId` and `domainName` are the SQL for its domain. Parameters: $3 the password hash, $4 the
 * accounts per domain, $5 the clock (epoch seconds) the mail servers' rows are loaded with, $6 whether 1 in
 * 5,000 has an open job (then its mail_jobs row must be loaded too).
 */
export function insertMailboxesSql(rows: string, domainId: string, domainName: string): string {
  return `insert into mailboxes (id, domain_id, local_part, address, is_postmaster, password_hash, quota_bytes, daily_send_limit,
                                first_name, last_name, description, active, created_at,
                                otp_enabled_at, otp_secret_enc, forwards, svc_imap, svc_dav,
                                used_bytes, last_access_at, sent_24h, open_jobs)
         select s.id, ${domainId}, lp, lp || '@' || ${domainName}, false, $3, q.quota, 500,
                fn, initcap(ln), case when g % 97 = 0 then 'Shared mailbox ' || g else '' end, g % 53 <> 0,
                now() - (g % 1000) * interval '1 hour',
                -- For the list's filters: two-step on for 1 in 7, forwarding 1 in 29, IMAP off 1 in 41, DAV on 1 in 13.
                case when g % 7 = 0 then now() end, case when g % 7 = 0 then 'bench' end,
                case when g % 29 = 0 then array['fwd.' || g || '@elsewhere.example'] else '{}'::text[] end, g % 41 <> 0, g % 13 = 0,
                -- The list figures of the rows loaded below (same formulas, same clock).
                case when s.id % 11 <> 0 then (q.quota * ((s.id * 7919) % 1000) / 1000.0)::bigint else 0 end,
                case when s.id % 10 <> 0 then greatest(
                  case when s.id % 3 <> 0 then to_timestamp($5::bigint - (s.id * 7727) % 7776000) end,
                  case when s.id % 5 = 0 then to_timestamp($5::bigint - (s.id * 3571) % 7776000) end,
                  case when s.id % 2 = 0 then to_timestamp($5::bigint - (s.id * 1223) % 7776000) end) end,
                case when s.id % 3 = 0 then 1 + (s.id * 3) % 40 else 0 end,
                case when $6::boolean and s.id % 5000 = 17 then 1 else 0 end
           from ${rows},
                lateral (select (array[1073741824, 5368709120, 10737418240]::bigint[])[1 + g % 3] as quota) q,
                lateral (select (${sqlArray(FIRST)})[1 + g % ${FIRST.length}] as fn,
                                (${sqlArray(LAST)})[1 + (g / ${FIRST.length}) % ${LAST.length}] as ln) n,
                lateral (select lower(n.fn) || '.' || n.ln || '.' || g as lp) l`;
}

/** Drops the secondary indexes of `mailboxes` (to be built once after the load) and returns them. */
export async function dropSecondaryIndexes(client: Client): Promise<{ name: string; def: string }[]> {
  const secondary = (
    await client.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i
        where i.indrelid = 'mailboxes'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    )
  ).rows;
  for (const index of secondary) await client.query(`drop index ${index.name}`);
  return secondary;
}

/**
 * After accounts loaded with triggers off: what the mailboxes' triggers would have written (the accounts
 * per domain; the list figures are 0 and null at insert anyway, and no alias shares the address space),
 * and the webmail preferences of every account.
 */
export async function afterMailboxes(client: Client, log: Log): Promise<void> {
  // One pass grouped by domain: a count per domain row would read every account once per domain (the
  // indexes are not built yet), which at 10,000 domains (bench/seed-domains.ts) is 10,000 full scans.
  await client.query(`update mailbox_counts c set accounts = x.n from (select domain_id, count(*) as n from mailboxes group by domain_id) x where x.domain_id = c.domain_id`);
  await queryHelpers(client, log).run('webmail preferences', `insert into webmail_preferences (mailbox_id) select id from mailboxes`);
}

/** What the mail servers write for every account (but mail_jobs), loaded without the row triggers (and their per-row updates); in the caller's transaction. */
export async function loadMailServerRows(client: Client, epoch: number, log: Log): Promise<void> {
  const { run } = queryHelpers(client, log);
  await client.query('set local session_replication_role = replica');
  await run(
    'mailbox_usage',
    `insert into mailbox_usage (address, storage_bytes, messages)
     select address, (quota_bytes * ((id::bigint * 7919) % 1000) / 1000.0)::bigint, (id * 31) % 5000 from mailboxes where id % 11 <> 0`,
  );
  await run(
    'mailbox_last_login',
    `insert into mailbox_last_login (address, imap, pop3, smtp)
     select address,
            case when id % 3 <> 0 then $1::bigint - (id::bigint * 7727) % 7776000 end,
            case when id % 5 = 0 then $1::bigint - (id::bigint * 3571) % 7776000 end,
            case when id % 2 = 0 then $1::bigint - (id::bigint * 1223) % 7776000 end
       from mailboxes where id % 10 <> 0`,
    [epoch],
  );
  await run(
    'mailbox_sent (5-minute buckets, some older than 24 h)',
    `insert into mailbox_sent (address, bucket, messages)
     select m.address, date_bin('5 minutes', now() - b.age, timestamptz '2000-01-01'), 1 + (m.id * b.k) % 40
       from mailboxes m
       cross join lateral (values (interval '1 minute' * ((m.id * 13) % 1380), 3), (interval '1 minute' * (1500 + m.id % 1000), 7)) b(age, k)
      where m.id % 3 = 0`,
  );
}

/** The end of a load: the indexes, the list figures the accounts' own did not already say, and vacuum analyze. */
export async function finishLoad(client: Client, url: string, secondary: { name: string; def: string }[], log: Log): Promise<void> {
  // The indexes first: the refresh counts each domain's accounts (mailbox_counts) through the domain's
  // index, one scan of every account per domain without it (10,000 of them in bench/seed-domains.ts). It
  // rewrites almost no row, so the indexes cost it nothing.
  await buildIndexes(url, secondary, log);
  const refreshed = performance.now();
  const changed = await queryHelpers(client, log).one<{ n: number }>(`select mailbox_list_refresh() as n`);
  log(`  mailbox_list_refresh(): ${changed.n} accounts changed in ${((performance.now() - refreshed) / 1000).toFixed(1)} s`);
  const started = performance.now();
  // What autovacuum does soon after a bulk load: statistics, and the visibility map index-only scans use.
  await client.query('vacuum analyze');
  log(`  vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export type Seeded = { domainId: number; adminId: number; accounts: number; searchName: string; searchAddress: string; sampleAccountId: number };

export async function seed(url: string, accounts: number, passwordHash: string, log: (line: string) => void): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { one, run } = queryHelpers(client, log);

    await client.query('begin');
    const { adminId, otherAdmin } = await insertBenchAdmins(client, passwordHash);
    const planId = await insertBenchPlan(client);
    const { id: domainId } = await one<{ id: number }>(`insert into domains (name, admin_id, plan_id) values ($1, $2, $3) returning id`, [
      BENCH_DOMAIN,
      adminId,
      planId,
    ]);
    const { id: otherDomain } = await one<{ id: number }>(`insert into domains (name, admin_id, plan_id) values ('other.example', $1, $2) returning id`, [
      otherAdmin,
      planId,
    ]);

    // One clock for the accounts and the mail servers' rows below: the list figures written with the
    // accounts (what mailbox_list_refresh() would compute from those rows) then agree with them exactly.
    const epoch = Math.floor(Date.now() / 1000);
    const insertMailboxes = (domain: number, name: string, count: number, jobs: boolean) =>
      run(
        `mailboxes of ${name}`,
        insertMailboxesSql(`(select g, nextval('mailboxes_id_seq') as id from generate_series(1, $4::int) g) s`, '$1', '$2'),
        [domain, name, passwordHash, count, epoch, jobs],
      );
    for (const [domain, name] of [
      [domainId, BENCH_DOMAIN],
      [otherDomain, 'other.example'],
    ] as const) {
      await client.query(
        `insert into mailboxes (domain_id, local_part, address, is_postmaster, password_hash, quota_bytes, daily_send_limit)
         values ($1, 'postmaster', 'postmaster@' || $2, true, $3, 52428800, 500)`,
        [domain, name, passwordHash],
      );
    }
    const secondary = await dropSecondaryIndexes(client);
    await client.query('set local session_replication_role = replica');
    await insertMailboxes(domainId, BENCH_DOMAIN, accounts - 1, true);
    await insertMailboxes(otherDomain, 'other.example', 1000, false);
    await afterMailboxes(client, log);
    await client.query('commit');

    await client.query('begin');
    await loadMailServerRows(client, epoch, log);
    await run(
      'mail_jobs (a few accounts Updating)',
      `insert into mail_jobs (address, mailbox_id, kind) select address, id, 'kick' from mailboxes where domain_id = $1 and id % 5000 = 17`,
      [domainId],
    );
    await client.query('commit');
    // Only what the accounts' own figures did not already say (the two postmasters, loaded with triggers).
    await finishLoad(client, url, secondary, log);

    const total = await one<{ n: number }>(`select accounts as n from mailbox_counts where domain_id = $1`, [domainId]);
    const name = await one<{ n: string }>(
      `select count(*)::int as n from mailboxes where domain_id = $1 and search_text like '%' || lower($2) || '%'`,
      [domainId, 'Moretti'],
    );
    log(`  ${total.n} accounts in ${BENCH_DOMAIN}; the name search matches ${name.n}`);
    // An account halfway through the domain, for its own page.
    const sample = await one<{ id: number }>(`select id from mailboxes where domain_id = $1 order by id offset $2 limit 1`, [domainId, Math.floor(total.n / 2)]);
    return { domainId, adminId, accounts: total.n, searchName: 'Moretti', searchAddress: 'anna.rossi.1', sampleAccountId: sample.id };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export const BENCH_ALIAS_DOMAIN = 'bench-alias.example';

export type SeededAliases = { aliases: number; searchAlias: string; sampleAlias: string };

/**
 * Issue 17's benches: `count` aliases in the big domain (set-based like the accounts, through the address
 * space trigger as the panel writes them), one target each (an account of the domain, or an address
 * elsewhere), 1 in 31 inactive, 1 in 17 with a description; and the alias domain BENCH_ALIAS_DOMAIN.
 */
export async function seedAliases(url: string, domainId: number, count: number, log: (line: string) => void): Promise<SeededAliases> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('begin');
    // The plan's "aliases per domain" is the panel's check on creation; the bench writes past it.
    await client.query(`update plans set max_aliases = greatest(max_aliases, $2) where id = (select plan_id from domains where id = $1)`, [domainId, count]);
    const inserted = await client.query(
      `insert into aliases (domain_id, local_part, address, description, active)
       select $1, lp, lp || '@' || (select name from domains where id = $1),
              case when g % 17 = 0 then 'Team of ' || initcap(n.ln) || ' ' || g else '' end, g % 31 <> 0
         from generate_series(1, $2::int) g,
              lateral (select (${sqlArray(LAST)})[1 + g % ${LAST.length}] as ln) n,
              lateral (select 'team.' || n.ln || '.' || g as lp) l`,
      [domainId, count],
    );
    await client.query(
      `insert into alias_targets (alias_id, address)
       select a.id, case when a.id % 3 = 0 then 'postmaster@' || d.name else 'fwd.' || a.id || '@elsewhere.example' end
         from aliases a join domains d on d.id = a.domain_id where a.domain_id = $1`,
      [domainId],
    );
    await client.query(`insert into alias_domains (domain_id, name) values ($1, $2)`, [domainId, BENCH_ALIAS_DOMAIN]);
    await client.query('commit');
    await client.query('vacuum analyze aliases, alias_targets, alias_domains');
    log(`  aliases: ${inserted.rowCount ?? 0} rows (with targets and the alias domain ${BENCH_ALIAS_DOMAIN}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const sample = await client.query<{ address: string }>(`select address from aliases where domain_id = $1 order by id desc limit 1`, [domainId]);
    return { aliases: inserted.rowCount ?? 0, searchAlias: 'moretti', sampleAlias: sample.rows[0]?.address ?? '' };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
