import { describe, expect, it } from 'vitest';
import { compareRecord, parseTags } from './compare';
import { expectedRecords, type DnsConfig, type ExpectedRecord } from './records';

const config: DnsConfig = { mailHost: 'mail.example.net' };
const records = expectedRecords('example.com', config, [{ selector: 'mp202612', publicKey: 'MIIBIjANBgkq+AAA/BBB==', state: 'active' }]);
const record = (kind: ExpectedRecord['kind']) => records.find((r) => r.kind === kind)!;

describe('expectedRecords', () => {
  it('builds MX, SPF, DKIM, DMARC and autoconfig/autodiscover from the mail host and the keys', () => {
    expect(records.map((r) => [r.kind, r.name, r.type, r.value])).toEqual([
      ['mx', 'example.com', 'MX', '10 mail.example.net.'],
      ['spf', 'example.com', 'TXT', 'v=spf1 mx a:mail.example.net ~all'],
      ['dkim', 'mp202612._domainkey.example.com', 'TXT', 'v=DKIM1; k=rsa; p=MIIBIjANBgkq+AAA/BBB=='],
      ['dmarc', '_dmarc.example.com', 'TXT', 'v=DMARC1; p=quarantine; rua=mailto:postmaster@example.com'],
      ['autoconfig', 'autoconfig.example.com', 'CNAME', 'mail.example.net.'],
      ['autodiscover', 'autodiscover.example.com', 'CNAME', 'mail.example.net.'],
    ]);
  });

  it('uses the relay’s include: in SPF when one is configured', () => {
    const [, spf] = expectedRecords('example.com', { ...config, spfInclude: 'spf.relay.example' }, []);
    expect(spf!.value).toBe('v=spf1 mx include:spf.relay.example ~all');
  });
});

describe('compareRecord', () => {
  it('SPF: ours is ok, extra mechanisms too; present without our mechanism is wrong, with the value found', () => {
    expect(compareRecord(record('spf'), { values: ['v=spf1 include:_spf.google.com a:mail.example.net -all', 'google-site-verification=x'] }, config).status).toBe('ok');
    const wrong = compareRecord(record('spf'), { values: ['v=spf1 include:_spf.google.com ~all', 'google-site-verification=x'] }, config);
    expect(wrong).toMatchObject({ status: 'wrong', found: ['v=spf1 include:_spf.google.com ~all'] });
    expect(compareRecord(record('spf'), { values: ['v=spf1 a:mail.example.net ~all', 'v=spf1 mx ~all'] }, config).status).toBe('wrong');
    expect(compareRecord(record('spf'), { values: ['google-site-verification=x'] }, config).status).toBe('missing');
  });

  it('DKIM: the same key (whitespace aside) is ok, another key is wrong, none is missing', () => {
    expect(compareRecord(record('dkim'), { values: ['v=DKIM1; k=rsa; p=MIIBIjANBgkq+AAA /BBB=='] }, config).status).toBe('ok');
    const mismatch = compareRecord(record('dkim'), { values: ['v=DKIM1; k=rsa; p=OTHERKEY'] }, config);
    expect(mismatch).toMatchObject({ status: 'wrong', found: ['v=DKIM1; k=rsa; p=OTHERKEY'], selector: 'mp202612' });
    expect(compareRecord(record('dkim'), { error: 'ENOTFOUND' }, config)).toMatchObject({ status: 'missing', found: [] });
    expect(compareRecord(record('dkim'), { error: 'ENODATA' }, config).status).toBe('missing');
  });

  it('DKIM ed25519: its record says k=ed25519 with the bare key; the same key under k=rsa (or no k=) is wrong', () => {
    const [ed] = expectedRecords('example.com', config, [{ selector: 'ed202612', publicKey: 'u/Zs2zHJgG7sEE7bP+3vKaFdsSeI8rVXLM3Ofw11P2g=', state: 'pending', algorithm: 'ed25519' }]).filter((r) => r.kind === 'dkim');
    expect(ed).toMatchObject({ name: 'ed202612._domainkey.example.com', value: 'v=DKIM1; k=ed25519; p=u/Zs2zHJgG7sEE7bP+3vKaFdsSeI8rVXLM3Ofw11P2g=', dkimAlgorithm: 'ed25519' });
    expect(compareRecord(ed!, { values: ['v=DKIM1; k=ed25519; p=u/Zs2zHJgG7sEE7bP+3vKaFdsSeI8rVXLM3Ofw11P2g='] }, config).status).toBe('ok');
    expect(compareRecord(ed!, { values: ['v=DKIM1; k=rsa; p=u/Zs2zHJgG7sEE7bP+3vKaFdsSeI8rVXLM3Ofw11P2g='] }, config).status).toBe('wrong');
    expect(compareRecord(ed!, { values: ['v=DKIM1; p=u/Zs2zHJgG7sEE7bP+3vKaFdsSeI8rVXLM3Ofw11P2g='] }, config).status).toBe('wrong');
    // And an RSA record without k= is still fine (rsa is the default).
    expect(compareRecord(record('dkim'), { values: ['v=DKIM1; p=MIIBIjANBgkq+AAA/BBB=='] }, config).status).toBe('ok');
  });

  it('a failed lookup (timeout, SERVFAIL) is unknown, not missing', () => {
    expect(compareRecord(record('mx'), { error: 'ETIMEOUT' }, config).status).toBe('unknown');
    expect(compareRecord(record('mx'), { error: 'ESERVFAIL' }, config).status).toBe('unknown');
  });

  it('MX: ours among others is ok; only others is wrong', () => {
    expect(compareRecord(record('mx'), { values: ['20 backup.example.org', '10 MAIL.example.net.'] }, config).status).toBe('ok');
    expect(compareRecord(record('mx'), { values: ['10 mx.elsewhere.example'] }, config)).toMatchObject({ status: 'wrong', found: ['10 mx.elsewhere.example'] });
    expect(compareRecord(record('mx'), { values: [] }, config).status).toBe('missing');
  });

  it('DMARC: any valid policy is ok; no policy is wrong; none is missing', () => {
    expect(compareRecord(record('dmarc'), { values: ['v=DMARC1; p=reject'] }, config).status).toBe('ok');
    expect(compareRecord(record('dmarc'), { values: ['v=DMARC1; rua=mailto:x@example.com'] }, config).status).toBe('wrong');
    expect(compareRecord(record('dmarc'), { values: ['something else'] }, config).status).toBe('missing');
  });

  it('autoconfig: a CNAME to the mail host is ok, elsewhere is wrong', () => {
    expect(compareRecord(record('autoconfig'), { values: ['mail.example.net'] }, config).status).toBe('ok');
    expect(compareRecord(record('autodiscover'), { values: ['autodiscover.outlook.com'] }, config).status).toBe('wrong');
  });

  it('parseTags reads tag=value lists', () => {
    expect(Object.fromEntries(parseTags('v=DKIM1; k=rsa;p=AB CD'))).toEqual({ v: 'DKIM1', k: 'rsa', p: 'ABCD' });
  });
});
