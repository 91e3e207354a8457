import { describe, expect, it } from 'vitest';
import { listeningPorts } from './listening-ports';
import { DEFAULT_PORTS } from './settings';
import { parseSrsDomain } from './srs';

describe('--srs-domain', () => {
  it('takes a domain name (lower-cased, without a final dot) and refuses anything else', () => {
    expect(parseSrsDomain('Mail.Example.COM.')).toBe('mail.example.com');
    for (const bad of ['localhost', 'not a domain', 'mail.example.com\nrelayhost = evil', '-x.example.com', '']) {
      expect(() => parseSrsDomain(bad), bad).toThrow(/is not a domain name/);
    }
  });
});

describe('the ports that listen', () => {
  it('are the implicit-TLS ones only with a certificate, and postsrsd\'s only with SRS', () => {
    const plain = Object.keys(listeningPorts({ ports: DEFAULT_PORTS }));
    expect(plain).not.toContain('imaps');
    expect(plain).not.toContain('srsForward');
    const all = listeningPorts({ ports: DEFAULT_PORTS, tls: { cert: 'c', key: 'k' }, srs: { domain: 'srs.example.com', secretFile: 's' } });
    expect(all).toMatchObject({ imaps: 993, pop3s: 995, submissions: 465, srsForward: 10001, srsReverse: 10002, smtp: 25 });
  });
});
