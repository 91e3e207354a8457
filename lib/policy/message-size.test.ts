import { describe, expect, it } from 'vitest';
import { decide, DUNNO, type SendingStore } from './decide';
import { messageTooBigAction, MessageSizeTracker } from './message-size';

const MB = 1024 * 1024;

function fakeStore(limits: Record<string, number>) {
  const counted: string[] = [];
  const store: SendingStore = {
    sendingState: async () => ({ limit: 100, sent: 0 }),
    countSent: async (address) => void counted.push(address),
    messageSizeLimit: async (domain) => limits[domain] ?? null,
    refusingList: async () => null,
  };
  return { store, counted };
}

const store = fakeStore({ 'small.test': 1 * MB, 'big.test': 20 * MB }).store;

describe('the message size limit of the plans', () => {
  it('refuses at RCPT the recipient whose plan is smaller than the declared size, and only that one', async () => {
    const tracker = new MessageSizeTracker();
    const rcpt = (recipient: string) => decide({ protocol_state: 'RCPT', instance: 'm1', recipient, size: String(2 * MB) }, store, tracker);
    expect(await rcpt('a@small.test')).toBe(messageTooBigAction(1 * MB));
    expect(await rcpt('b@big.test')).toBe(DUNNO);
    expect(await rcpt('c@elsewhere.test')).toBe(DUNNO);
    expect(messageTooBigAction(1 * MB)).toBe('552 5.3.4 Message too big: the plan of this address accepts messages up to 1 MB');
  });

  it('checks the real size at the end of the message against the smallest limit of its accepted recipients', async () => {
    const tracker = new MessageSizeTracker();
    // No SIZE declared: every recipient is accepted at RCPT.
    expect(await decide({ protocol_state: 'RCPT', instance: 'm2', recipient: 'b@big.test', size: '0' }, store, tracker)).toBe(DUNNO);
    expect(await decide({ protocol_state: 'RCPT', instance: 'm2', recipient: 'a@small.test', size: '0' }, store, tracker)).toBe(DUNNO);
    expect(await decide({ protocol_state: 'END-OF-MESSAGE', instance: 'm2', recipient_count: '2', size: String(2 * MB) }, store, tracker)).toBe(messageTooBigAction(1 * MB));
    // The next message on the same connection starts afresh.
    expect(await decide({ protocol_state: 'RCPT', instance: 'm3', recipient: 'b@big.test', size: '0' }, store, tracker)).toBe(DUNNO);
    expect(await decide({ protocol_state: 'END-OF-MESSAGE', instance: 'm3', size: String(2 * MB) }, store, tracker)).toBe(DUNNO);
  });

  it('without the RCPTs on this connection, uses the sole recipient Postfix names at the end', async () => {
    const tracker = new MessageSizeTracker();
    expect(await decide({ protocol_state: 'END-OF-MESSAGE', instance: 'm4', recipient: 'a@small.test', size: String(MB + 1) }, store, tracker)).toBe(messageTooBigAction(1 * MB));
    expect(await decide({ protocol_state: 'END-OF-MESSAGE', instance: 'm5', recipient: 'a@small.test', size: String(MB) }, store, tracker)).toBe(DUNNO);
  });

  it("applies an authenticated sender's plan too, and does not count a refused message as sent", async () => {
    const { store: counting, counted } = fakeStore({ 'small.test': 1 * MB });
    const tracker = new MessageSizeTracker();
    const sender = { sasl_username: 'me@small.test', instance: 'm6' };
    expect(await decide({ ...sender, protocol_state: 'RCPT', recipient: 'x@elsewhere.test', size: '0' }, counting, tracker)).toBe(DUNNO);
    expect(await decide({ ...sender, protocol_state: 'END-OF-MESSAGE', size: String(3 * MB) }, counting, tracker)).toBe(messageTooBigAction(1 * MB));
    expect(counted).toEqual([]);
    expect(await decide({ ...sender, instance: 'm7', protocol_state: 'END-OF-MESSAGE', size: String(MB / 2) }, counting, tracker)).toBe(DUNNO);
    expect(counted).toEqual(['me@small.test']);
  });
});
