import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { Card, CardTitle } from '@/components/ui/card';
import { DataList, type Column } from '@/components/list/data-list';
import { linkClass } from '@/components/list/link-class';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { listApiTokens } from '@/lib/api-tokens/list-tokens';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenButton } from './revoke-token-button';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('api.tokens.title', 'self:read');

type Token = Awaited<ReturnType<typeof listApiTokens>>['tokens'][number];

async function ApiTokensPage() {
  const caller = await requirePermission('self:read');
  const t = translator(caller.language);
  const { apiAccess, tokens } = await listApiTokens({ caller });
  const when = (value: Date) => formatDateTime(value, caller.language, caller.timeZone);
  const columns: Column<Token>[] = [
    {
      key: 'name',
      label: t('api.tokens.columns.name'),
      cell: (token) => (
        <>
          <div className="font-medium wrap-anywhere">{token.name}</div>
          <div className="font-mono text-xs text-slate-600">{token.prefix}…</div>
        </>
      ),
    },
    {
      key: 'access',
      label: t('api.tokens.columns.access'),
      className: 'whitespace-nowrap',
      cell: (token) => (token.access === 'read' ? t('api.tokens.accessRead') : t('api.tokens.accessReadWrite')),
    },
    {
      key: 'state',
      label: t('api.tokens.columns.state'),
      cell: (token) => <StatusBadge active={token.state === 'active'} label={t(`api.tokens.states.${token.state}`)} />,
    },
    {
      key: 'expires',
      label: t('api.tokens.columns.expires'),
      className: 'whitespace-nowrap',
      cell: (token) => (token.expiresAt ? when(token.expiresAt) : t('api.tokens.noExpiry')),
    },
    {
      key: 'lastUsed',
      label: t('api.tokens.columns.lastUsed'),
      cell: (token) =>
        token.lastUsedAt
          ? token.lastUsedIp
            ? t('api.tokens.lastUsedFrom', { when: when(token.lastUsedAt), ip: token.lastUsedIp })
            : when(token.lastUsedAt)
          : t('api.tokens.never'),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      className: 'text-right',
      cell: (token) => token.state !== 'revoked' && <RevokeTokenButton id={token.id} name={token.name} />,
    },
  ];

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
        <DataList caption={t('api.tokens.listTitle')} columns={columns} rows={tokens} t={t} empty={{ title: t('api.tokens.empty') }} />
      </section>
    </div>
  );
}

export default withPageMessages(ApiTokensPage, ['api.tokens']);
