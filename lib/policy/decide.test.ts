import { describe, expect, it } from 'vitest';
import { decide, DUNNO, limitReachedAction, listRefusedAction, withoutTag, type SendingStore } from './decide';

type List = { rule: 'domain' | 'members'; members: string[] };

function fakeStore(limits: Record<string, number>, sent: Record<string, number> = {}, lists: Record<string, List> = {}) {
  const counted: string[] = [];
  const asked: unknown[] = [];
  const store: SendingStore = {
    refusingList: async (query) => {
      asked.push(query);
      for (const address of query.recipients) {
        const list = lists[address];
        if (!list) continue;
        const allowed = list.rule === 'domain' ? address.endsWith(`@${query.senderDomain}`) : query.senders.some((s) => list.members.includes(s));
        if (!allowed) return { address, rule: list.rule };
      }
      return null;
    },
    sendingState: async (address) => (address in limits ? { limit: limits[address]!, sent: sent[address] ?? 0 } : null),
    countSent: async (address) => {
      counted.push(address);
      sent[address] = (sent[address] ?? 0) + 1;
    },
    messageSizeLimit: async () => null,
  };
  return { store, counted, asked };
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

  it('refuses a sender a distribution list does not take mail from, at RCPT, with or without SMTP AUTH', async () => {
    const lists: Record<string, List> = {
      'team@x.test': { rule: 'members', members: ['a@x.test', 'friend@elsewhere.test'] },
      'staff@x.test': { rule: 'domain', members: [] },
    };
    const { store, asked } = fakeStore({ 'a@x.test': 10 }, {}, lists);
    const at = (recipient: string, sender: string, sasl_username = '') => decide({ protocol_state: 'RCPT', recipient, sender, sasl_username }, store);
    expect(await at('team@x.test', 'friend@elsewhere.test')).toBe(DUNNO);
    expect(await at('team@x.test', 'A@X.test', 'a@x.test')).toBe(DUNNO);
    expect(await at('team@x.test', 'a+news@x.test')).toBe(DUNNO);
    expect(await at('team@x.test', 'b@x.test')).toBe(listRefusedAction({ rule: 'members', domain: 'x.test' }));
    expect(await at('team+tag@x.test', 'stranger@elsewhere.test')).toBe(listRefusedAction({ rule: 'members', domain: 'x.test' }));
    expect(await at('team@x.test', '')).toBe(listRefusedAction({ rule: 'members', domain: 'x.test' }));
    expect(await at('staff@x.test', 'b@x.test')).toBe(DUNNO);
    expect(await at('staff@x.test', 'b@elsewhere.test')).toBe('550 5.7.1 Only senders at x.test may send to this list');
    expect(await at('other@x.test', 'b@elsewhere.test')).toBe(DUNNO);
    expect(listRefusedAction({ rule: 'members', domain: 'x.test' })).toBe('550 5.7.1 Only members of this list may send to it');
    // Only at RCPT: the end of the message is never asked about lists.
    const before = asked.length;
    await decide({ protocol_state: 'END-OF-MESSAGE', recipient: 'team@x.test', sender: 'b@x.test' }, store);
    expect(asked.length).toBe(before);
  });

  it('strips a +tag from the local part only', () => {
    expect(withoutTag('a+b@x.test')).toEqual(['a+b@x.test', 'a@x.test']);
    expect(withoutTag('a@x+y.test')).toEqual(['a@x+y.test']);
    expect(withoutTag('+a@x.test')).toEqual(['+a@x.test']);
  });
});
