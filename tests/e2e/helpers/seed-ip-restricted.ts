// Run with tsx (see 04-security.spec.ts): writes, into a fresh embedded database under DATA_DIR (argv[2]),
// a domain whose postmaster may sign in only from 203.0.113.7. The server started on it afterwards
// runs the migrations' checks again and finds them applied.
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { openEmbedded } from '@/db/open';
import { runMigrations } from '@/db/migrate';
import { admins, domains, mailboxes, plans } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';

async function main() {
  const [dataDir, address, password] = process.argv.slice(2);
  if (!dataDir || !address || !password) throw new Error('usage: seed-ip-restricted DATA_DIR ADDRESS PASSWORD');
  const [localPart = '', domainName = ''] = address.split('@');
  const handle = openEmbedded(dataDir);
  try {
    await runMigrations(handle);
    const db = handle.db;
    const hash = await hashPassword(password);
    const [admin] = await db.insert(admins).values({ email: `owner@${domainName}`, role: 'admin', passwordHash: hash }).returning();
    const [plan] = await db.select().from(plans).limit(1);
    const [domain] = await db.insert(domains).values({ name: domainName, adminId: admin!.id, planId: plan!.id }).returning();
    await db.insert(mailboxes).values({
      domainId: domain!.id,
      localPart,
      address,
      isPostmaster: true,
      passwordHash: hash,
      quotaBytes: 52_428_800,
      dailySendLimit: 100,
      allowedIps: ['203.0.113.7'],
    });
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
