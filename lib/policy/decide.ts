import type { PolicyRequest } from './protocol';

/** What the policy service reads and writes: the panel's database through the mail servers' role. */
export type SendingStore = {
  /**
   * The account's daily sending limit and the messages counted for it in the last 24 hours, or null when
   * the address is not a mailpanel account. One read: the two are asked at every RCPT.
   */
  sendingState(address: string): Promise<{ limit: number; sent: number } | null>;
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
    const state = await store.sendingState(sender);
    if (state === null) return DUNNO;
    return state.sent >= state.limit ? limitReachedAction(state.limit) : DUNNO;
  }
  if (request.protocol_state === 'END-OF-MESSAGE') {
    await store.countSent(sender);
  }
  return DUNNO;
}
