import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { listAccountAppPasswords } from '@/lib/app-passwords/manage';
import type { Caller } from '@/lib/auth/caller';
import { translator } from '@/lib/i18n/translate';
import { AppPasswordList, type RevokeAppPassword } from './app-password-list';
import { CreateAppPasswordForm, type CreateAppPassword } from './create-app-password-form';
import { appPasswordRows } from './rows';

/**
 * On an account's (or postmaster's) page: its app passwords, created (the secret shown once, to hand
 * over) and revoked by whoever manages it. The page passes the server actions bound to the account
 * (components do not import app/).
 */
export async function ManagedAppPasswords({ caller, mailboxId, create, revoke }: { caller: Caller; mailboxId: number; create: CreateAppPassword; revoke: RevokeAppPassword }) {
  const t = translator(caller.language);
  const { address, rows, max } = await listAccountAppPasswords({ caller, id: mailboxId });
  return (
    <Card id="app-passwords" role="region" aria-labelledby="app-passwords-title">
      <CardTitle id="app-passwords-title">{t('appPasswords.title')}</CardTitle>
      <CardDescription className="mb-4">{t('appPasswords.adminIntro')}</CardDescription>
      <div className="space-y-5">
        <CreateAppPasswordForm address={address} create={create} full={rows.length >= max} />
        <AppPasswordList rows={appPasswordRows(rows, caller.language, caller.timeZone)} revoke={revoke} />
      </div>
    </Card>
  );
}
