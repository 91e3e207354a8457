import pg from 'pg';
import {
  afterMailboxes,
  dropSecondaryIndexes,
  finishLoad,
  insertBenchAdmins,
  insertBenchPlan,
  insertMailboxesSql,
  loadMailServerRows,
  queryHelpers,
} from './seed';

// Issue 21's other shape (point 4): many domains of a few accounts each, seeded as bench/seed.ts seeds its
// one big domain (the same admins, plan, accounts and mail servers' rows, set-based and with the same
// triggers off), in a database just migrated. Every domain belongs to the bench admin, so its domain list
// holds them all. No open jobs: nothing to keep the accounts' "Updating" figure in step with.

export type SeededDomains = {
  adminId: number;
  domains: number;
  accounts: number;
  /** The domain in the middle of the list, for its account list. */
  sampleDomainId: number;
  sampleDomainName: string;
  /** A domain-name search matching up to 100 domains (the sample's name without its last two digits). */
  domainSearch: string;
};

export async function seedDomains(
  url: string,
  { domains, perDomain, passwordHash, log }: { domains: number; perDomain: number; passwordHash: string; log: (line: string) => void },
): Promise<SeededDomains> {
  if (domains < 1 || perDomain < 1) throw new Error('seedDomains: at least one domain of one account');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { one, run } = queryHelpers(client, log);
    const width = Math.max(5, String(domains).length);

    await client.query('begin');
    const { adminId } = await insertBenchAdmins(client, passwordHash);
    const planId = await insertBenchPlan(client);
    const range = await one<{ first: number; last: number }>(
      `with d as (insert into domains (name, admin_id, plan_id)
                  select 'd' || lpad(g::text, $3::int, '0') || '.example', $1, $2 from generate_series(1, $4::int) g returning id)
       select min(id)::int as first, max(id)::int as last from d`,
      [adminId, planId, width, domains],
    );
    // The postmasters with the triggers on, as seed() does: they create each domain's count row.
    await run(
      'postmasters',
      `insert into mailboxes (domain_id, local_part, address, is_postmaster, password_hash, quota_bytes, daily_send_limit)
       select id, 'postmaster', 'postmaster@' || name, true, $3, 52428800, 500 from domains where id between $1::int and $2::int`,
      [range.first, range.last, passwordHash],
    );
    const secondary = await dropSecondaryIndexes(client);
    await client.query('set local session_replication_role = replica');
    const epoch = Math.floor(Date.now() / 1000);
    if (perDomain > 1) {
      await run(
        `mailboxes of ${domains} domains`,
        insertMailboxesSql(
          `(select d.id as domain_id, d.name as domain_name, g, nextval('mailboxes_id_seq') as id
              from domains d cross join generate_series(1, $4::int) g
             where d.id between $1::int and $2::int
             order by d.id, g) s`,
          's.domain_id',
          's.domain_name',
        ),
        [range.first, range.last, passwordHash, perDomain - 1, epoch, false],
      );
    }
    await afterMailboxes(client, log);
    await client.query('commit');

    await client.query('begin');
    await loadMailServerRows(client, epoch, log);
    await client.query('commit');
    await finishLoad(client, url, secondary, log);

    const sample = await one<{ id: number; name: string }>(`select id, name from domains where id between $1 and $2 order by id offset $3 limit 1`, [
      range.first,
      range.last,
      Math.floor(domains / 2),
    ]);
    // The counters the domain list shows, against what they count.
    const check = await one<{ accounts: number; counted: number; allocated: string; summed: string }>(
      `select c.accounts, (select count(*)::int from mailboxes m where m.domain_id = $1) as counted,
              c.allocated_bytes::text as allocated, (select coalesce(sum(quota_bytes), 0)::text from mailboxes m where m.domain_id = $1) as summed
         from mailbox_counts c where c.domain_id = $1`,
      [sample.id],
    );
    if (!check || check.accounts !== check.counted || check.counted !== perDomain || check.allocated !== check.summed)
      throw new Error(`${sample.name}: counters ${JSON.stringify(check)} do not match its ${perDomain} accounts`);
    const total = await one<{ n: number }>(`select count(*)::int as n from mailboxes where domain_id between $1 and $2`, [range.first, range.last]);
    log(`  ${domains} domains, ${total.n} accounts; ${sample.name} counts ${check.accounts} accounts, ${check.allocated} bytes allotted (checked)`);
    return {
      adminId,
      domains,
      accounts: total.n,
      sampleDomainId: sample.id,
      sampleDomainName: sample.name,
      domainSearch: sample.name.slice(0, sample.name.indexOf('.') - 2),
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
