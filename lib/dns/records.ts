// The DNS records a domain must publish for its mail to be delivered and trusted (issue 18), built from
// the panel's configuration (the mail host's name) and the domain's DKIM keys. Pure: the DNS page shows
// them, lib/dns/compare.ts checks what a resolver finds against them.

export type RecordKind = 'mx' | 'spf' | 'dkim' | 'dmarc' | 'autoconfig' | 'autodiscover';
export type RecordType = 'MX' | 'TXT' | 'CNAME';

export type ExpectedRecord = {
  kind: RecordKind;
  /** The owner name, fully qualified without the final dot. */
  name: string;
  type: RecordType;
  /** What to publish, as a zone file's data (MX: "10 host."; TXT: the text; CNAME: "host."). */
  value: string;
  /** DKIM only: which key the record is for. */
  selector?: string;
  keyState?: 'pending' | 'active' | 'retiring';
  dkimAlgorithm?: 'rsa' | 'ed25519';
};

export type DnsConfig = {
  /** The mail host's name: MX target, SPF's a: and where autoconfig/autodiscover point. */
  mailHost: string;
  /** When outgoing mail leaves through a relay with its own SPF record: `include:` that name. */
  spfInclude?: string;
};

export type DkimPublicKey = { selector: string; publicKey: string; state: 'pending' | 'active' | 'retiring'; algorithm?: 'rsa' | 'ed25519' };

/** The SPF mechanism that authorises the panel's servers: what a found SPF record must contain. */
export function spfMechanism(config: DnsConfig): string {
  return config.spfInclude ? `include:${config.spfInclude}` : `a:${config.mailHost}`;
}

export function dkimRecordValue(publicKey: string, algorithm: 'rsa' | 'ed25519' = 'rsa'): string {
  return `v=DKIM1; k=${algorithm}; p=${publicKey}`;
}

export function expectedRecords(domain: string, config: DnsConfig, keys: readonly DkimPublicKey[]): ExpectedRecord[] {
  const host = `${config.mailHost}.`;
  return [
    { kind: 'mx', name: domain, type: 'MX', value: `10 ${host}` },
    { kind: 'spf', name: domain, type: 'TXT', value: `v=spf1 mx ${spfMechanism(config)} ~all` },
    ...keys.map((key): ExpectedRecord => ({
      kind: 'dkim',
      name: `${key.selector}._domainkey.${domain}`,
      type: 'TXT',
      value: dkimRecordValue(key.publicKey, key.algorithm),
      selector: key.selector,
      keyState: key.state,
      dkimAlgorithm: key.algorithm ?? 'rsa',
    })),
    { kind: 'dmarc', name: `_dmarc.${domain}`, type: 'TXT', value: `v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain}` },
    { kind: 'autoconfig', name: `autoconfig.${domain}`, type: 'CNAME', value: host },
    { kind: 'autodiscover', name: `autodiscover.${domain}`, type: 'CNAME', value: host },
  ];
}
