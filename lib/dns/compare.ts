import { spfMechanism, type DnsConfig, type ExpectedRecord } from './records';

// Whether what a resolver found for a record is what the domain should publish. Lenient where people
// legitimately differ (an SPF record with more mechanisms, any DMARC policy, the MX among others),
// strict where the mail breaks otherwise (the DKIM key, our SPF mechanism, where the names point).

/** What a lookup found: the record's values (TXT strings joined per record; MX as "pref host"), or none. */
export type Found = { values: string[] } | { error: string };

export type CheckStatus = 'ok' | 'missing' | 'wrong' | 'unknown';

export type RecordCheck = {
  kind: ExpectedRecord['kind'];
  name: string;
  type: ExpectedRecord['type'];
  selector?: string;
  status: CheckStatus;
  /** What was found, when it is not right (shown beside the record). */
  found: string[];
};

const isSpf = (value: string) => /^v=spf1(\s|$)/i.test(value.trim());
const isDmarc = (value: string) => parseTags(value).get('v')?.toUpperCase() === 'DMARC1';
const hostOf = (value: string) => value.trim().toLowerCase().replace(/\.$/, '');

/** The tags of a DKIM or DMARC record ("v=DKIM1; k=rsa; p=…"), names lower-cased, whitespace removed. */
export function parseTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    tags.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}

function judge(expected: ExpectedRecord, values: string[], config: DnsConfig): CheckStatus {
  switch (expected.kind) {
    case 'mx':
      return values.some((v) => hostOf(v.split(/\s+/).pop() ?? '') === hostOf(config.mailHost)) ? 'ok' : 'wrong';
    case 'spf': {
      const spf = values.filter(isSpf);
      if (spf.length === 0) return 'missing';
      // Two SPF records are a permanent error for every receiver (RFC 7208 §4.5).
      if (spf.length > 1) return 'wrong';
      const terms = spf[0]!.trim().toLowerCase().split(/\s+/);
      const wanted = spfMechanism(config).toLowerCase();
      return terms.some((t) => t.replace(/^[+]/, '') === wanted) ? 'ok' : 'wrong';
    }
    case 'dkim': {
      const wanted = parseTags(expected.value);
      const keys = values.map(parseTags).filter((t) => (t.get('v') ?? 'DKIM1').toUpperCase() === 'DKIM1' && t.has('p'));
      if (keys.length === 0) return 'missing';
      // k= defaults to rsa (RFC 6376 §3.6.1): an ed25519 key's record must say k=ed25519, or no verifier uses it.
      const algorithm = (t: Map<string, string>) => (t.get('k') ?? 'rsa').toLowerCase();
      return keys.length === 1 && keys[0]!.get('p') === wanted.get('p') && algorithm(keys[0]!) === algorithm(wanted) ? 'ok' : 'wrong';
    }
    case 'dmarc': {
      const dmarc = values.filter(isDmarc).map(parseTags);
      if (dmarc.length === 0) return 'missing';
      return dmarc.length === 1 && ['none', 'quarantine', 'reject'].includes(dmarc[0]!.get('p')?.toLowerCase() ?? '') ? 'ok' : 'wrong';
    }
    case 'autoconfig':
    case 'autodiscover':
      return values.some((v) => hostOf(v) === hostOf(config.mailHost)) ? 'ok' : 'wrong';
  }
}

/** "Not found" answers are a missing record; anything else (a timeout, SERVFAIL) leaves it unknown. */
const ABSENT = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export function compareRecord(expected: ExpectedRecord, found: Found, config: DnsConfig): RecordCheck {
  const base = { kind: expected.kind, name: expected.name, type: expected.type, ...(expected.selector ? { selector: expected.selector } : {}) };
  if ('error' in found) return { ...base, status: ABSENT.has(found.error) ? 'missing' : 'unknown', found: [] };
  if (found.values.length === 0) return { ...base, status: 'missing', found: [] };
  const status = judge(expected, found.values, config);
  // Shown beside a wrong record: the records of its kind, not every TXT the name has (site verifications…).
  const shown = expected.kind === 'spf' ? found.values.filter(isSpf) : expected.kind === 'dmarc' ? found.values.filter(isDmarc) : found.values;
  return { ...base, status, found: status === 'ok' ? [] : shown };
}
