import type { PolicyRequest } from './protocol';

// The message size limit of each domain's plan (issue 18). Postfix's message_size_limit is one number for
// the whole server (set to the largest any plan may have), so the plan's own limit is checked here, by the
// domain of each recipient (and of an authenticated sender):
// - at RCPT, against the size the client declared in MAIL FROM (SIZE=, as mail servers do): only the
//   recipient whose plan is too small is refused, the others still get the message;
// - at the end of the message, against its real size (a client that declared nothing, or too little):
//   there Postfix can only refuse the whole message, so the smallest limit among its recipients applies.

export type MessageSizeStore = {
  /** The limit (bytes) of the plan of a hosted domain, or null for a domain that is not hosted. */
  messageSizeLimit(domain: string): Promise<number | null>;
};

/**
 * One policy connection serves one Postfix smtpd process, which handles one message at a time: this
 * remembers the smallest limit among the current message's accepted recipients (Postfix names a message
 * by `instance`), for the end of the message, where Postfix no longer says who the recipients are.
 */
export class MessageSizeTracker {
  private instance = '';
  private limit: number | null = null;

  /** A recipient of message `instance` was accepted, with this limit (null: none, e.g. another domain's address). */
  note(instance: string, limit: number | null): void {
    if (instance !== this.instance) {
      this.instance = instance;
      this.limit = null;
    }
    if (limit !== null) this.limit = this.limit === null ? limit : Math.min(this.limit, limit);
  }

  /** The smallest limit among the message's accepted recipients (null: none has one); undefined: not seen here. */
  limitOf(instance: string): number | null | undefined {
    return instance !== '' && instance === this.instance ? this.limit : undefined;
  }
}

const MB = 1024 * 1024;

/** The refusal: a permanent one (552 5.3.4, "message too big for system"), naming the limit in MB. */
export function messageTooBigAction(limit: number): string {
  const mb = Math.round((limit / MB) * 10) / 10;
  return `552 5.3.4 Message too big: the plan of this address accepts messages up to ${mb} MB`;
}

function domainOf(address: string | undefined): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(at + 1).trim().toLowerCase() || null : null;
}

async function smallestLimit(store: MessageSizeStore, addresses: (string | undefined)[]): Promise<number | null> {
  const domains = [...new Set(addresses.map(domainOf).filter((d): d is string => d !== null))];
  const limits = (await Promise.all(domains.map((d) => store.messageSizeLimit(d)))).filter((l): l is number => l !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** The size check: an action refusing the message (or this recipient), or null to go on. */
export async function checkMessageSize(request: PolicyRequest, store: MessageSizeStore, tracker: MessageSizeTracker): Promise<string | null> {
  const size = Number(request.size ?? 0);
  const instance = request.instance ?? '';
  const sender = request.sasl_username || undefined;
  if (request.protocol_state === 'RCPT') {
    const limit = await smallestLimit(store, [request.recipient, sender]);
    if (limit !== null && size > limit) return messageTooBigAction(limit);
    tracker.note(instance, limit);
    return null;
  }
  if (request.protocol_state === 'END-OF-MESSAGE') {
    // A policy connection opened after the RCPTs (Postfix reconnects now and then) knows only a sole recipient.
    const known = tracker.limitOf(instance);
    const limit = known !== undefined ? known : await smallestLimit(store, [request.recipient || undefined, sender]);
    if (limit !== null && size > limit) return messageTooBigAction(limit);
  }
  return null;
}
