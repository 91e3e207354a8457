import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, Table, Td, Th } from '@/components/ui/table';
import { listApiTokens } from '@/lib/api-tokens/list-tokens';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { getT } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenButton } from './revoke-token-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('api.tokens.title') };
}

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

export default async function ApiTokensPage() {
  const caller = await requirePermission('self:read');
  const t = translator(caller.language);
  const { apiAccess, tokens } = await listApiTokens({ caller });
  const when = (value: Date) => formatDateTime(value, caller.language, caller.timeZone);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('api.tokens.title')}
        description={t('api.tokens.intro')}
        actions={
          <Link href="/api-docs" className={linkClass}>
            {t('api.tokens.reference')}
          </Link>
        }
      />
      {!apiAccess && <Alert tone="warning">{t('api.tokens.apiAccessOff')}</Alert>}
      {apiAccess && (
        <Card className="max-w-3xl" role="region" aria-labelledby="new-token-title">
          <CardTitle id="new-token-title" className="mb-4">
            {t('api.tokens.newTitle')}
          </CardTitle>
          <CreateTokenForm />
        </Card>
      )}
      <section aria-labelledby="tokens-title" className="space-y-3">
        <h2 id="tokens-title" className="text-lg font-semibold text-slate-900">
          {t('api.tokens.listTitle')}
        </h2>
        {tokens.length === 0 ? (
          <EmptyState title={t('api.tokens.empty')} />
        ) : (
          <Table caption={t('api.tokens.listTitle')}>
            <thead>
              <tr>
                <Th>{t('api.tokens.columns.name')}</Th>
                <Th>{t('api.tokens.columns.access')}</Th>
                <Th>{t('api.tokens.columns.state')}</Th>
                <Th>{t('api.tokens.columns.expires')}</Th>
                <Th>{t('api.tokens.columns.lastUsed')}</Th>
                <Th>
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <tr key={token.id}>
                  <Td>
                    <div className="font-medium wrap-anywhere">{token.name}</div>
                    <div className="font-mono text-xs text-slate-600">{token.prefix}…</div>
                  </Td>
                  <Td className="whitespace-nowrap">{token.access === 'read' ? t('api.tokens.accessRead') : t('api.tokens.accessReadWrite')}</Td>
                  <Td>
                    <StatusBadge active={token.state === 'active'} label={t(`api.tokens.states.${token.state}`)} />
                  </Td>
                  <Td className="whitespace-nowrap">{token.expiresAt ? when(token.expiresAt) : t('api.tokens.noExpiry')}</Td>
                  <Td>
                    {token.lastUsedAt
                      ? token.lastUsedIp
                        ? t('api.tokens.lastUsedFrom', { when: when(token.lastUsedAt), ip: token.lastUsedIp })
                        : when(token.lastUsedAt)
                      : t('api.tokens.never')}
                  </Td>
                  <Td className="text-right">{token.state !== 'revoked' && <RevokeTokenButton id={token.id} name={token.name} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
