'use client';

import { useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { setAdminOtpRequiredAction } from './security-actions';

/** The panel-wide "every admin signs in with a code", on the admins page. */
export function AdminOtpPolicy({ required }: { required: boolean }) {
  const t = useT();
  const [checked, setChecked] = useState(required);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  function save(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await setAdminOtpRequiredAction({ required: checked });
      setMessage(result.ok ? { tone: 'success', text: t('admins.otpPolicy.saved') } : { tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
    });
  }

  return (
    <form onSubmit={save} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" aria-labelledby="admin-otp-policy-title">
      <h2 id="admin-otp-policy-title" className="text-base font-semibold text-slate-900">
        {t('admins.otpPolicy.title')}
      </h2>
      <Checkbox label={t('admins.otpPolicy.label')} checked={checked} onChange={(event) => setChecked(event.target.checked)} />
      <p className="text-sm text-slate-600">{t('admins.otpPolicy.hint')}</p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Button type="submit" variant="secondary" size="sm" pending={pending}>
        {t('admins.otpPolicy.save')}
      </Button>
    </form>
  );
}
