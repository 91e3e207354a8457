import { activateDkimKey, createDkimKey } from '@/lib/dkim/dkim-keys';
import { getDomainDns } from '@/lib/dns/check-domain-dns';
import type { DkimAlgorithm } from '@/db/schema';
import type { TestDnsServer } from '../../helpers/dns-server';
import { runMailJobs } from './servers';
import type { World } from './world';

/**
 * The domain's next DKIM key as its admin makes it in the panel: created, its record published (in the
 * tests' DNS server, exactly as the DNS records page shows it), activated once the live check finds it,
 * and rendered by the worker's dkim-sync job into DKIM_KEY_DIR. Answers the selector.
 */
export async function publishAndActivateDkimKey(world: World, dns: TestDnsServer, algorithm: DkimAlgorithm = 'rsa'): Promise<string> {
  const created = await createDkimKey({ caller: world.A, ip: '127.0.0.1', id: world.domain.id, algorithm });
  if (!created.ok) throw new Error(`The panel refused the DKIM key: ${JSON.stringify(created)}`);
  const { records } = await getDomainDns({ caller: world.A, id: world.domain.id });
  for (const record of records) {
    if (record.kind === 'dkim') dns.records[record.name] = { TXT: [record.value] };
  }
  const activated = await activateDkimKey({ caller: world.A, ip: '127.0.0.1', id: world.domain.id, algorithm });
  if (!activated.ok) throw new Error(`The panel did not activate the DKIM key: ${JSON.stringify(activated)}`);
  await runMailJobs();
  return created.data.selector;
}
