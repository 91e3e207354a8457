import { checkMessageSize, MessageSizeTracker, type MessageSizeStore } from './message-size';
import type { PolicyRequest } from './protocol';

/** What the policy service reads and writes: the panel's database through the mail servers' role. */
export type SendingStore = MessageSizeStore & {
  /**
   * The account's daily sending limit and the messages counted for it in the last 24 hours, or null when
   * the address is not a mailpanel account. One read: the two are asked at every RCPT.
   */
  sendingState(address: string): Promise<{ limit: number; sent: number } | null>;
  /** Counts one more message sent by the address now. */
  countSent(address: string): Promise<void>;
  /**
   * The distribution list among `recipients` (one address, with and without its +tag) that refuses this
   * sender (`senders`: the envelope sender, with and without its +tag, none for the null sender), with its
   * rule; null when no such list refuses it.
   */
  refusingList(query: { recipients: string[]; senders: string[]; senderDomain: string }): Promise<{ address: string; rule: 'domain' | 'members' } | null>;
};

export const DUNNO = 'DUNNO';

export function limitReachedAction(limit: number): string {
  return `DEFER_IF_PERMIT Daily sending limit reached (${limit} messages in 24 hours), try again later`;
}

/** The address and, when its local part has a +tag, the address without it (recipient_delimiter is +). */
export function withoutTag(address: string): string[] {
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  return plus > 0 && plus < at ? [address, address.slice(0, plus) + address.slice(at)] : [address];
}

/** The reply to a sender a distribution list does not take mail from: a permanent refusal that says who may write. */
export function listRefusedAction(list: { rule: 'domain' | 'members'; domain: string }): string {
  return list.rule === 'domain'
    ? `550 5.7.1 Only senders at ${list.domain} may send to this list`
    : '550 5.7.1 Only members of this list may send to it';
}

/**
 * Who may send to a distribution list (issue 17): at RCPT, for every client (incoming mail as well as
 * submission), a list that takes mail only from its domain or its members refuses other envelope senders.
 */
async function listRefusal(request: PolicyRequest, store: SendingStore): Promise<string | null> {
  const recipient = request.recipient?.trim().toLowerCase();
  if (!recipient) return null;
  const sender = request.sender?.trim().toLowerCase() ?? '';
  const list = await store.refusingList({
    recipients: withoutTag(recipient),
    senders: sender ? withoutTag(sender) : [],
    senderDomain: sender.slice(sender.lastIndexOf('@') + 1),
  });
  return list && listRefusedAction({ rule: list.rule, domain: list.address.slice(list.address.lastIndexOf('@') + 1) });
}

/**
 * First the message size limit of the plans (./message-size.ts: for every message, incoming too; a message
 * refused for its size is not counted), then the daily sending limit of authenticated senders. At RCPT (smtpd_recipient_restrictions): a sender
 * that already sent its limit in the last 24 hours is deferred (4xx: the client may retry later). At the
 * end of the message (smtpd_end_of_data_restrictions): the message is counted, once whatever its number
 * of recipients. Mail that arrives without SMTP AUTH (incoming mail, local processes) is not counted.
 * After the size and before the limit, at RCPT, the recipient's list rule (listRefusal).
 */
export async function decide(request: PolicyRequest, store: SendingStore, tracker = new MessageSizeTracker()): Promise<string> {
  const tooBig = await checkMessageSize(request, store, tracker);
  if (tooBig !== null) return tooBig;
  if (request.protocol_state === 'RCPT') {
    const refused = await listRefusal(request, store);
    if (refused) return refused;
  }
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
