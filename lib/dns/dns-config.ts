import os from 'node:os';
import type { DnsConfig } from './records';

/**
 * The mail host's public name: MAIL_HOSTNAME, the same name `npm run mail:config --hostname` renders
 * into Postfix and Dovecot (it defaults to MAIL_HOSTNAME too, then to this host's name).
 */
export function mailHostName(env: Record<string, string | undefined> = process.env): string {
  return (env.MAIL_HOSTNAME?.trim() || os.hostname()).toLowerCase().replace(/\.$/, '');
}

export function dnsConfigFromEnv(env: Record<string, string | undefined> = process.env): DnsConfig {
  const spfInclude = env.MAIL_SPF_INCLUDE?.trim().toLowerCase();
  return { mailHost: mailHostName(env), ...(spfInclude ? { spfInclude } : {}) };
}
