import type pg from 'pg';
import { Batcher } from './batcher';
import type { SendingStore } from './decide';

// mailbox_sent holds 5-minute buckets (see db/schema/usage.ts); "the last 24 hours" are the buckets later
// than now() - 24 hours, the same ones the account list shows as sent in 24 hours.
//
// Speed (issue 21, point 5; bench/RESULTS.md): Postfix asks at every RCPT and every end of message, from
// many smtpd processes at once. Each kind of request is one named statement (prepared once per
// connection, with a generic plan: planning the view's join cost more than running it), and the requests
// that arrive while one statement runs go together as the next, for many addresses at once: the counts
// of many messages are one insert and one commit. Each request is still answered only after its
// statement has run (a message is never let through uncounted).
const SENDING_STATE = {
  name: 'mailpanel_policy_sending_state',
  text: `select l.address, l.daily_limit,
                (select coalesce(sum(s.messages), 0) from mailbox_sent s
                  where s.address = l.address and s.bucket > now() - interval '24 hours') as sent
           from mail.send_limits l
          where l.address = any($1::text[])`,
};

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

// The largest message each hosted domain's plan accepts (issue 18), for many domains at once.
const MESSAGE_SIZE_LIMITS = {
  name: 'mailpanel_policy_message_size_limits',
  text: `select domain, max_message_bytes from mail.message_size_limits where domain = any($1::text[])`,
};

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

/** Statements at once per kind (reads, counts): the rest wait for the next batch. */
const IN_FLIGHT = 1;
const MAX_BATCH = 256;

/** The statement was refused by Postgres (it has an SQLSTATE), so it wrote nothing: safe to run again. */
const refusedByServer = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);

/** The policy service's pool's connection options: generic plans for its named statements. */
export const POLICY_CONNECTION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/** The store over `pool` (made with POLICY_CONNECTION_OPTIONS). */
export function pgSendingStore(pool: pg.Pool): SendingStore {
  const states = new Batcher<string, { limit: number; sent: number } | null>(
    async (addresses) => {
      const { rows } = await pool.query<{ address: string; daily_limit: number; sent: string }>({ ...SENDING_STATE, values: [addresses] });
      const found = new Map(rows.map((row) => [row.address, { limit: Number(row.daily_limit), sent: Number(row.sent) }]));
      return addresses.map((address) => found.get(address) ?? null);
    },
    { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH, retrySingly: refusedByServer },
  );
  const counts = new Batcher<string, void>(
    async (addresses) => {
      await pool.query({ ...COUNT_SENT, values: [addresses] });
      return addresses.map(() => undefined);
    },
    { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH, retrySingly: refusedByServer },
  );
  const sizeLimits = new Batcher<string, number | null>(
    async (domains) => {
      const { rows } = await pool.query<{ domain: string; max_message_bytes: string }>({ ...MESSAGE_SIZE_LIMITS, values: [domains] });
      const found = new Map(rows.map((row) => [row.domain, Number(row.max_message_bytes)]));
      return domains.map((domain) => found.get(domain) ?? null);
    },
    { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH, retrySingly: refusedByServer },
  );
  return {
    sendingState: (address) => states.call(address),
    countSent: (address) => counts.call(address),
    messageSizeLimit: (domain) => sizeLimits.call(domain),
    async refusingList({ recipients, senders, senderDomain }) {
      const { rows } = await pool.query<{ address: string; senders: 'domain' | 'members' }>({ ...REFUSING_LIST, values: [recipients, senders, senderDomain] });
      return rows[0] ? { address: rows[0].address, rule: rows[0].senders } : null;
    },
  };
}
