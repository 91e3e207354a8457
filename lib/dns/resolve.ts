import { Resolver } from 'node:dns/promises';
import type { Found } from './compare';
import type { ExpectedRecord } from './records';

/**
 * A resolver for the live check: DNS_RESOLVER ("127.0.0.1:5353", "9.9.9.9", a comma-separated list) or
 * the system's. Short timeouts: a check is run while someone waits for it.
 */
export function resolverFromEnv(env: Record<string, string | undefined> = process.env): Resolver {
  const resolver = new Resolver({ timeout: 2_000, tries: 2 });
  const servers = (env.DNS_RESOLVER ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (servers.length > 0) resolver.setServers(servers);
  return resolver;
}

async function values(resolver: Resolver, record: Pick<ExpectedRecord, 'name' | 'type'>): Promise<string[]> {
  switch (record.type) {
    case 'TXT':
      // A TXT record longer than 255 bytes comes as several strings: they make one value.
      return (await resolver.resolveTxt(record.name)).map((chunks) => chunks.join(''));
    case 'MX':
      return (await resolver.resolveMx(record.name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'CNAME':
      return resolver.resolveCname(record.name);
  }
}

/** What the resolver has for the record's name and type; a lookup failure as its code (ENODATA, ETIMEOUT…). */
export async function lookup(resolver: Resolver, record: Pick<ExpectedRecord, 'name' | 'type'>): Promise<Found> {
  try {
    return { values: await values(resolver, record) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { error: typeof code === 'string' ? code : 'EFAIL' };
  }
}
