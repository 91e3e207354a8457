import 'server-only';
import type pg from 'pg';
import { countSentMessages, selectMessageSizeLimits, selectRefusingList, selectSendingStates } from '@/db/queries/policy';
import { Batcher } from './batcher';
import type { SendingStore } from './decide';

export { POLICY_CONNECTION_OPTIONS } from '@/db/queries/policy';

// Speed (issue 21, point 5; bench/RESULTS.md): Postfix asks at every RCPT and every end of message, from
// many smtpd processes at once. The requests that arrive while one statement runs go together as the
// next, for many addresses at once: the counts of many messages are one insert and one commit. Each
// request is still answered only after its statement has run (a message is never let through uncounted).

/** Statements at once per kind (reads, counts): the rest wait for the next batch. */
const IN_FLIGHT = 1;
const MAX_BATCH = 256;

/** The statement was refused by Postgres (it has an SQLSTATE), so it wrote nothing: safe to run again. */
const refusedByServer = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);

/** Runs `lookup` for a batch of keys and answers each key with what it found for it, or null. */
function batchedLookup<T>(lookup: (keys: string[]) => Promise<[string, T][]>): Batcher<string, T | null> {
  return new Batcher<string, T | null>(
    async (keys) => {
      const found = new Map(await lookup(keys));
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH, retrySingly: refusedByServer },
  );
}

/** The store over `pool` (made with POLICY_CONNECTION_OPTIONS). */
export function pgSendingStore(pool: pg.Pool): SendingStore {
  const states = batchedLookup(async (addresses) => (await selectSendingStates({ pool, addresses })).map(({ address, limit, sent }) => [address, { limit, sent }]));
  const sizeLimits = batchedLookup(async (domains) => (await selectMessageSizeLimits({ pool, domains })).map(({ domain, maxBytes }) => [domain, maxBytes]));
  const counts = new Batcher<string, void>(
    async (addresses) => {
      await countSentMessages({ pool, addresses });
      return addresses.map(() => undefined);
    },
    { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH, retrySingly: refusedByServer },
  );
  return {
    sendingState: (address) => states.call(address),
    countSent: (address) => counts.call(address),
    messageSizeLimit: (domain) => sizeLimits.call(domain),
    refusingList: ({ recipients, senders, senderDomain }) => selectRefusingList({ pool, recipients, senders, senderDomain }),
  };
}
