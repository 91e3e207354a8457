import { describe, expect, it } from 'vitest';
import { formatPolicyReply, MAX_REQUEST_BYTES, PolicyProtocolError, PolicyRequestReader } from './protocol';

const request = ['request=smtpd_access_policy', 'protocol_state=RCPT', 'sasl_username=ada@example.test', 'recipient=x=y@example.org', ''].join('\n');

describe('PolicyRequestReader', () => {
  it('reads name=value lines up to the empty line, keeping "=" inside values', () => {
    const reader = new PolicyRequestReader();
    expect(reader.push(`${request}\n`)).toEqual([
      { request: 'smtpd_access_policy', protocol_state: 'RCPT', sasl_username: 'ada@example.test', recipient: 'x=y@example.org' },
    ]);
  });

  it('waits for the rest of a request split across chunks, anywhere', () => {
    const whole = `${request}\n`;
    for (let cut = 1; cut < whole.length; cut++) {
      const reader = new PolicyRequestReader();
      expect(reader.push(whole.slice(0, cut))).toEqual([]);
      expect(reader.push(whole.slice(cut))).toHaveLength(1);
    }
  });

  it('returns several requests of one connection in order, each starting empty', () => {
    const reader = new PolicyRequestReader();
    const got = reader.push('protocol_state=RCPT\nsasl_username=a@x.test\n\nprotocol_state=END-OF-MESSAGE\n\n');
    expect(got).toEqual([{ protocol_state: 'RCPT', sasl_username: 'a@x.test' }, { protocol_state: 'END-OF-MESSAGE' }]);
  });

  it('takes CRLF line ends and empty values', () => {
    expect(new PolicyRequestReader().push('sasl_username=\r\nprotocol_state=RCPT\r\n\r\n')).toEqual([{ sasl_username: '', protocol_state: 'RCPT' }]);
  });

  it('refuses a line without a name and a request that never ends', () => {
    expect(() => new PolicyRequestReader().push('no equals sign\n')).toThrow(PolicyProtocolError);
    expect(() => new PolicyRequestReader().push('=value\n')).toThrow(PolicyProtocolError);
    const reader = new PolicyRequestReader();
    expect(() => {
      for (let i = 0; i < 2000; i++) reader.push(`attribute${i}=${'v'.repeat(40)}\n`);
    }).toThrow(PolicyProtocolError);
    expect(() => new PolicyRequestReader().push('x'.repeat(MAX_REQUEST_BYTES + 1))).toThrow(PolicyProtocolError);
  });
});

describe('formatPolicyReply', () => {
  it('is one action line and an empty line, whatever the action holds', () => {
    expect(formatPolicyReply('DUNNO')).toBe('action=DUNNO\n\n');
    expect(formatPolicyReply('DEFER_IF_PERMIT two\nlines\r\n')).toBe('action=DEFER_IF_PERMIT two lines \n\n');
  });
});
