import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { getCaller } from '@/lib/auth/session';
import { GatedShell } from './gated-shell';

// The caller's own sign-in security: reachable by everyone, and the only pages a gated caller (who must
// change its password or enrol OTP first) reaches — in a frame without navigation. Each page checks
// which gate applies (requireCallerAt).
export default async function SecurityLayout({ children }: { children: ReactNode }) {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  if (caller.gate) return <GatedShell caller={caller}>{children}</GatedShell>;
  return <AppShell caller={caller}>{children}</AppShell>;
}
