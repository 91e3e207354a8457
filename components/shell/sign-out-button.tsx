'use client';

import { useState } from 'react';
import { signOutTo } from '@/components/auth/auth-requests';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';

export function SignOutButton({ className }: { className?: string }) {
  const t = useT();
  const [pending, setPending] = useState(false);

  async function handleClick() {
    setPending(true);
    try {
      await signOutTo('/login?signedOut=1');
    } catch {
      setPending(false);
    }
  }

  return (
    <Button variant="secondary" size="sm" pending={pending} onClick={handleClick} className={className}>
      {t('shell.signOut')}
    </Button>
  );
}
