import { redirect } from 'next/navigation';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

export default async function Home() {
  const caller = await requireUser();
  redirect(can(caller, 'domains:read') ? '/domains' : '/me');
}
