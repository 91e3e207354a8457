import { describe, expect, it } from 'vitest';
import { decide, DUNNO, limitReachedAction, type SendingStore } from './decide';

function fakeStore(limits: Record<string, number>, sent: Record<string, number> = {}) {
  const counted: string[] = [];
  const store: SendingStore = {
    sendingState: async (address) => (address in limits ? { limit: limits[address]!, sent: sent[address] ?? 0 } : null),
    countSent: async (address) => {
      counted.push(address);
      sent[address] = (sent[address] ?? 0) + 1;
    },
  };
  return { store, counted };
}

const rcpt = (sasl_username: string) => ({ protocol_state: 'RCPT', sasl_username });
const eod = (sasl_username: string) => ({ protocol_state: 'END-OF-MESSAGE', sasl_username });

describe('decide', () => {
  it('lets a sender under its limit through and counts each message once, at its end', async () => {
    const { store, counted } = fakeStore({ 'a@x.test': 2 });
    expect(await decide(rcpt('a@x.test'), store)).toBe(DUNNO);
    expect(await decide(rcpt('a@x.test'), store)).toBe(DUNNO);
    expect(counted).toEqual([]);
    expect(await decide(eod('a@x.test'), store)).toBe(DUNNO);
    expect(counted).toEqual(['a@x.test']);
  });

  it('defers at RCPT once the limit is reached, and not before', async () => {
    const { store } = fakeStore({ 'a@x.test': 2 }, { 'a@x.test': 1 });
    expect(await decide(rcpt('a@x.test'), store)).toBe(DUNNO);
    await decide(eod('a@x.test'), store);
    expect(await decide(rcpt('a@x.test'), store)).toBe(limitReachedAction(2));
    expect(limitReachedAction(2)).toMatch(/^DEFER_IF_PERMIT /);
  });

  it('defers everything for a limit of 0', async () => {
    const { store } = fakeStore({ 'a@x.test': 0 });
    expect(await decide(rcpt('a@x.test'), store)).toBe(limitReachedAction(0));
  });

  it('matches the login name in any case', async () => {
    const { store, counted } = fakeStore({ 'a@x.test': 0 });
    expect(await decide(rcpt(' A@X.Test '), store)).toBe(limitReachedAction(0));
    await decide(eod('A@x.TEST'), store);
    expect(counted).toEqual(['a@x.test']);
  });

  it('neither checks nor counts mail sent without SMTP AUTH, or by an address that is not an account', async () => {
    const { store, counted } = fakeStore({ 'a@x.test': 0 });
    expect(await decide({ protocol_state: 'RCPT' }, store)).toBe(DUNNO);
    expect(await decide(rcpt(''), store)).toBe(DUNNO);
    expect(await decide(eod(''), store)).toBe(DUNNO);
    expect(await decide(rcpt('stranger@elsewhere.test'), store)).toBe(DUNNO);
    expect(await decide({ protocol_state: 'DATA', sasl_username: 'a@x.test' }, store)).toBe(DUNNO);
    expect(counted).toEqual([]);
  });
});
