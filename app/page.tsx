import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';

export default async function Home() {
  const caller = await requireUser();
  redirect(caller.role === 'user' ? '/me' : '/domains');
}
