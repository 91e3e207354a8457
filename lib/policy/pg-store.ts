import type pg from 'pg';
import type { SendingStore } from './decide';

// mailbox_sent holds 5-minute buckets (see db/schema/usage.ts); "the last 24 hours" are the buckets later
// than now() - 24 hours, the same ones the account list shows as sent in 24 hours.
export function pgSendingStore(pool: pg.Pool): SendingStore {
  return {
    async dailyLimit(address) {
      const { rows } = await pool.query<{ daily_limit: number }>(
        'select daily_limit from mail.send_limits where address = $1',
        [address],
      );
      return rows[0] ? Number(rows[0].daily_limit) : null;
    },
    async messageSizeLimit(domain) {
      const { rows } = await pool.query<{ max_message_bytes: string }>(
        'select max_message_bytes from mail.message_size_limits where domain = $1',
        [domain],
      );
      return rows[0] ? Number(rows[0].max_message_bytes) : null;
    },
    async sentLast24h(address) {
      const { rows } = await pool.query<{ sent: string }>(
        `select coalesce(sum(messages), 0) as sent from mailbox_sent where address = $1 and bucket > now() - interval '24 hours'`,
        [address],
      );
      return Number(rows[0]?.sent ?? 0);
    },
    // mail.list_senders: the active lists that do not take mail from anyone; a member is a target of the
    // list or an account it resolves to (mail.alias_edges, mail.aliases). One index lookup by address each.
    async refusingList({ recipients, senders, senderDomain }) {
      const { rows } = await pool.query<{ address: string; senders: 'domain' | 'members' }>(
        `select l.address, l.senders from mail.list_senders l
          where l.address = any($1::text[])
            and not case l.senders
              when 'domain' then l.domain = $3
              else exists (select 1 from mail.alias_edges e where e.address = l.address and e.destination = any($2::text[]))
                or exists (select 1 from mail.aliases r where r.address = l.address and r.destination = any($2::text[]))
            end
          limit 1`,
        [recipients, senders, senderDomain],
      );
      return rows[0] ? { address: rows[0].address, rule: rows[0].senders } : null;
    },
    async countSent(address) {
      // An address deleted meanwhile has nothing left to count against.
      await pool.query(
        `insert into mailbox_sent (address, bucket, messages)
         select $1, date_bin('5 minutes', now(), timestamptz 'epoch'), 1
          where exists (select 1 from mail.send_limits where address = $1)
         on conflict (address, bucket) do update set messages = mailbox_sent.messages + 1`,
        [address],
      );
    },
  };
}
