import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const caller = await requireUser();
  return <AppShell caller={caller}>{children}</AppShell>;
}
