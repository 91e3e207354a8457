import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { loadPrincipal } from '@/lib/auth/load-caller';
import { beginAttempt } from '@/lib/auth/throttle';
import { checkPassword, normalizeIdentifier } from '@/lib/auth/verify-credentials';
import { invalid } from '@/lib/action-result';
import { rateLimited } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { webmailPasswordSchema } from '@/lib/validations/security';
import type { ApiOperation } from './operation';
import { ApiProblem } from './problem';
import { unwrap } from './result';

/**
 * Who a request acts as when the account itself signs with its address and current password in the
 * body (operation.authentication 'accountPassword': the webmail's password change, where Roundcube holds
 * the person's password and no token). The same checks as the panel's sign-in: the throttle (a wrong
 * password counts, a locked account or address answers 429), an active account in an active domain, the
 * account's allowed IPs for the person's address (`ip`: X-Forwarded-For only from TRUSTED_PROXIES), and
 * the Webmail switch (403). Mailboxes only: an admin's address is just a wrong password here. Then the
 * caller is loaded exactly as a session's; a gate other than the operation's own answers 403.
 */
export async function authenticateByPassword({
  body,
  ip,
  operation,
  now = new Date(),
}: {
  body: unknown;
  ip: string | null;
  operation: Pick<ApiOperation, 'allowGate'>;
  now?: Date;
}): Promise<{ caller: Caller }> {
  const parsed = webmailPasswordSchema.safeParse(body);
  if (!parsed.success) unwrap(invalid(parsed.error));
  const { address, currentPassword } = parsed.data!;

  const attempt = await beginAttempt({ account: normalizeIdentifier(address), ip, now });
  if (attempt.throttled) throw rateLimited(keyWith('auth.throttled', { minutes: attempt.retryAfterMinutes }), attempt.retryAfterMinutes * 60);
  const check = await checkPassword(address, currentPassword, ip).catch(async (error: unknown) => {
    await attempt.neutral();
    throw error;
  });
  if (check === 'webmailOff') {
    await attempt.neutral();
    throw new ApiProblem('forbidden', { detail: 'webmail.passwordWebmailOff' });
  }
  if (!check || check.ref.kind !== 'mailbox') {
    await attempt.fail();
    throw new ApiProblem('unauthorized', { detail: 'security.password.currentWrong' });
  }
  await attempt.neutral();

  const loaded = await loadPrincipal(check.ref, { ip, now });
  if (!loaded) throw new ApiProblem('unauthorized', { detail: 'security.password.currentWrong' });
  const { caller } = loaded;
  if (caller.gate && caller.gate !== operation.allowGate) throw new ApiProblem('gate', { language: caller.language });
  return { caller };
}
