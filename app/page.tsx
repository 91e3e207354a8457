import { redirect } from 'next/navigation';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

export default async function Home() {
  const caller = await requireUser();
  // A postmaster's home is its domain at a glance (issue 23, 14); an admin's, the domain list.
  if (caller.kind === 'mailbox' && caller.role === 'postmaster') redirect(`/domains/${caller.domainId}`);
  redirect(can(caller, 'domains:read') ? '/domains' : '/me');
}
