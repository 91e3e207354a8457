import type { PolicyRequest } from './protocol';

/** What the policy service reads and writes: the panel's database through the mail servers' role. */
export type SendingStore = {
  /** The account's daily sending limit, or null when the address is not a mailpanel account. */
  dailyLimit(address: string): Promise<number | null>;
  /** Messages counted for the address in the last 24 hours. */
  sentLast24h(address: string): Promise<number>;
  /** Counts one more message sent by the address now. */
  countSent(address: string): Promise<void>;
};

export const DUNNO = 'DUNNO';

export function limitReachedAction(limit: number): string {
  return `DEFER_IF_PERMIT Daily sending limit reached (${limit} messages in 24 hours), try again later`;
}

/**
 * The daily sending limit of authenticated senders. At RCPT (smtpd_recipient_restrictions): a sender
 * that already sent its limit in the last 24 hours is deferred (4xx: the client may retry later). At the
 * end of the message (smtpd_end_of_data_restrictions): the message is counted, once whatever its number
 * of recipients. Mail that arrives without SMTP AUTH (incoming mail, local processes) is not counted.
 */
export async function decide(request: PolicyRequest, store: SendingStore): Promise<string> {
  const sender = request.sasl_username?.trim().toLowerCase();
  if (!sender) return DUNNO;
  if (request.protocol_state === 'RCPT') {
    const limit = await store.dailyLimit(sender);
    if (limit === null) return DUNNO;
    const sent = await store.sentLast24h(sender);
    return sent >= limit ? limitReachedAction(limit) : DUNNO;
  }
  if (request.protocol_state === 'END-OF-MESSAGE') {
    await store.countSent(sender);
  }
  return DUNNO;
}
