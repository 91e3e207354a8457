import { checkMessageSize, MessageSizeTracker, type MessageSizeStore } from './message-size';
import type { PolicyRequest } from './protocol';

/** What the policy service reads and writes: the panel's database through the mail servers' role. */
export type SendingStore = MessageSizeStore & {
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
 * First the message size limit of the plans (./message-size.ts: for every message, incoming too; a message
 * refused for its size is not counted), then the daily sending limit of authenticated senders. At RCPT (smtpd_recipient_restrictions): a sender
 * that already sent its limit in the last 24 hours is deferred (4xx: the client may retry later). At the
 * end of the message (smtpd_end_of_data_restrictions): the message is counted, once whatever its number
 * of recipients. Mail that arrives without SMTP AUTH (incoming mail, local processes) is not counted.
 */
export async function decide(request: PolicyRequest, store: SendingStore, tracker = new MessageSizeTracker()): Promise<string> {
  const tooBig = await checkMessageSize(request, store, tracker);
  if (tooBig !== null) return tooBig;
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
