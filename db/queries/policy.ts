import 'server-only';
import type pg from 'pg';

// The policy service's statements (lib/policy/pg-store.ts batches the requests that call them). It runs
// outside the panel as the restricted mail role, on a plain pg pool: each statement is named, so it is
// prepared once per connection, with a generic plan (POLICY_CONNECTION_OPTIONS): planning the views'
// joins cost more than running them (issue 21, bench/RESULTS.md).

/** The pool's connection options for these named statements. */
export const POLICY_CONNECTION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

// mailbox_sent holds 5-minute buckets (see db/schema/usage.ts); "the last 24 hours" are the buckets later
// than now() - 24 hours, the same ones the account list shows as sent in 24 hours.
const SENDING_STATE = {
  name: 'mailpanel_policy_sending_state',
  text: `select l.address, l.daily_limit,
                (select coalesce(sum(s.messages), 0) from mailbox_sent s
                  where s.address = l.address and s.bucket > now() - interval '24 hours') as sent
           from mail.send_limits l
          where l.address = any($1::text[])`,
};

/** Each hosted sender's daily limit and what it sent in the last 24 hours; addresses not found are left out. */
export async function selectSendingStates({ pool, addresses }: { pool: pg.Pool; addresses: string[] }): Promise<{ address: string; limit: number; sent: number }[]> {
  const { rows } = await pool.query<{ address: string; daily_limit: number; sent: string }>({ ...SENDING_STATE, values: [addresses] });
  return rows.map((row) => ({ address: row.address, limit: Number(row.daily_limit), sent: Number(row.sent) }));
}

// An address deleted meanwhile has nothing left to count against (the join). One row per address (a
// statement may not update a row twice), in address order: two statements lock their rows in one order.
const COUNT_SENT = {
  name: 'mailpanel_policy_count_sent',
  text: `insert into mailbox_sent (address, bucket, messages)
         select l.address, date_bin('5 minutes', now(), timestamptz 'epoch'), c.messages
           from (select address, count(*)::integer as messages from unnest($1::text[]) as u(address) group by address) c
           join mail.send_limits l on l.address = c.address
          order by l.address
         on conflict (address, bucket) do update set messages = mailbox_sent.messages + excluded.messages`,
};

/** Counts one sent message per occurrence of an address in `addresses` (a repeated address counts again). */
export async function countSentMessages({ pool, addresses }: { pool: pg.Pool; addresses: string[] }): Promise<void> {
  await pool.query({ ...COUNT_SENT, values: [addresses] });
}

// The largest message each hosted domain's plan accepts (issue 18), for many domains at once.
const MESSAGE_SIZE_LIMITS = {
  name: 'mailpanel_policy_message_size_limits',
  text: `select domain, max_message_bytes from mail.message_size_limits where domain = any($1::text[])`,
};

/** The largest message (bytes) each hosted domain accepts; domains not hosted are left out. */
export async function selectMessageSizeLimits({ pool, domains }: { pool: pg.Pool; domains: string[] }): Promise<{ domain: string; maxBytes: number }[]> {
  const { rows } = await pool.query<{ domain: string; max_message_bytes: string }>({ ...MESSAGE_SIZE_LIMITS, values: [domains] });
  return rows.map((row) => ({ domain: row.domain, maxBytes: Number(row.max_message_bytes) }));
}

// mail.list_senders: the active lists that do not take mail from anyone; a member is a target of the list
// or an account it resolves to (mail.alias_edges, mail.aliases). One index lookup by address each.
const REFUSING_LIST = {
  name: 'mailpanel_policy_refusing_list',
  text: `select l.address, l.senders from mail.list_senders l
          where l.address = any($1::text[])
            and not case l.senders
              when 'domain' then l.domain = $3
              else exists (select 1 from mail.alias_edges e where e.address = l.address and e.destination = any($2::text[]))
                or exists (select 1 from mail.aliases r where r.address = l.address and r.destination = any($2::text[]))
            end
          limit 1`,
};

/** The first of `recipients` that is a list refusing mail from `senders` (at `senderDomain`), with its rule. */
export async function selectRefusingList({ pool, recipients, senders, senderDomain }: { pool: pg.Pool; recipients: string[]; senders: string[]; senderDomain: string }): Promise<{ address: string; rule: 'domain' | 'members' } | null> {
  const { rows } = await pool.query<{ address: string; senders: 'domain' | 'members' }>({ ...REFUSING_LIST, values: [recipients, senders, senderDomain] });
  return rows[0] ? { address: rows[0].address, rule: rows[0].senders } : null;
}
