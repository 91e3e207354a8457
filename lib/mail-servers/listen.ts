import net from 'node:net';

/** Where IMAP, POP3, SMTP and submission listen: every interface, or these addresses. */
export type Listen = '*' | string[];

/**
 * `--listen`: `*` (every interface, IPv4 and IPv6), or a comma-separated list of IP addresses such as
 * `192.0.2.7, 2001:db8::7` or `127.0.0.1,::1`. The wildcard addresses 0.0.0.0 and :: are refused: the
 * servers also listen on 127.0.0.1 (Postfix, for Dovecot's vacation replies), which a wildcard would clash with.
 */
export function parseListen(text: string): Listen {
  const entries = text.split(',').map((entry) => entry.trim().replace(/^\[(.*)\]$/, '$1')).filter(Boolean);
  if (entries.length === 0) throw new Error('--listen needs * or one or more IP addresses, separated by commas.');
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error('--listen: * already means every address; give it alone.');
    return '*';
  }
  const out: string[] = [];
  for (const entry of entries) {
    const version = net.isIP(entry);
    if (version === 0) throw new Error(`--listen: "${entry}" is not an IP address (give addresses, not host names, separated by commas).`);
    if (/^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(entry)) throw new Error(`--listen: "${entry}" means every address: use * instead.`);
    if (!out.includes(entry)) out.push(entry);
  }
  return out;
}

/** Postfix's inet_interfaces: the addresses, and always 127.0.0.1 (Dovecot's vacation replies, submission_host). */
export function postfixInterfaces(listen: Listen): string {
  return listen === '*' ? 'all' : [...new Set([...listen, '127.0.0.1'])].join(', ');
}

/** Postfix's inet_protocols: IPv6 only when some address is one. */
export function postfixProtocols(listen: Listen): 'all' | 'ipv4' {
  return listen === '*' || listen.some((address) => net.isIPv6(address)) ? 'all' : 'ipv4';
}

/** Dovecot's listen: every interface is both `*` (IPv4) and `::` (IPv6). */
export function dovecotListen(listen: Listen): string {
  return listen === '*' ? '*, ::' : listen.join(', ');
}
