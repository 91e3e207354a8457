import { titleMetadata } from '@/app/title-metadata';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { API_OWNER_RATE_LIMIT, API_RATE_LIMIT } from '@/lib/api/authenticate';
import { API_BASE_PATH, type OpenApiOperation } from '@/lib/api/openapi';
import { PROBLEMS, type ProblemCode } from '@/lib/api/problem';
import { openApiDocument } from '@/lib/api/registry';
import { requirePermission } from '@/lib/auth/session';
import { translator, type Translate } from '@/lib/i18n/translate';
import { SchemaView, typeLabel, type JsonSchema } from './schema-view';
import { withPageMessages } from '@/components/page-messages';

// The API reference, rendered from the same generated OpenAPI document /api/v1/openapi.json serves.

export const generateMetadata = titleMetadata('api.docs.title', 'self:read');

const METHOD_CLASSES: Record<string, string> = {
  get: 'bg-sky-100 text-sky-900',
  post: 'bg-emerald-100 text-emerald-900',
  put: 'bg-amber-100 text-amber-950',
  patch: 'bg-amber-100 text-amber-950',
  delete: 'bg-red-100 text-red-900',
};
const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

type Entry = { method: string; path: string; operation: OpenApiOperation };

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function Operation({ entry, components, t }: { entry: Entry; components: Record<string, JsonSchema>; t: Translate }) {
  const { method, path, operation } = entry;
  const labels = { required: t('api.docs.columns.required') };
  const body = operation.requestBody ? Object.entries(operation.requestBody.content)[0] : undefined;
  const access = operation['x-token-access'];
  const headingId = `op-${operation.operationId}`;
  const responses = Object.entries(operation.responses);
  const successes = responses.filter(([status]) => status.startsWith('2'));
  const problems = responses.filter(([status]) => !status.startsWith('2'));
  return (
    <Card id={headingId} role="region" aria-labelledby={`${headingId}-title`} className="scroll-mt-6 space-y-4">
      <div>
        <h3 id={`${headingId}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
          <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_CLASSES[method] ?? ''}`}>{method}</span>{' '}
          <code className="font-mono text-sm break-all">{`${API_BASE_PATH}${path}`}</code>
        </h3>
        <p className="mt-1 text-sm font-medium text-slate-800">{operation.summary}</p>
        {operation.description && <p className="mt-1 text-sm text-slate-700">{operation.description}</p>}
        <p className="mt-1 text-xs text-slate-600">{access === 'none' ? t('api.docs.public') : access === 'read' ? t('api.docs.readOnly') : t('api.docs.writes')}</p>
      </div>

      <div>
        <h4 className="text-sm font-semibold text-slate-900">{t('api.docs.parameters')}</h4>
        {operation.parameters.length === 0 ? (
          <p className="text-sm text-slate-700">{t('api.docs.noParameters')}</p>
        ) : (
          <Table caption={`${t('api.docs.parameters')}: ${method.toUpperCase()} ${path}`}>
            <thead>
              <tr>
                <Th>{t('api.docs.columns.name')}</Th>
                <Th>{t('api.docs.columns.in')}</Th>
                <Th>{t('api.docs.columns.type')}</Th>
                <Th>{t('api.docs.columns.required')}</Th>
                <Th>{t('api.docs.columns.description')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}-${parameter.name}`}>
                  <Td>
                    <code className="font-mono">{parameter.name}</code>
                  </Td>
                  <Td>{parameter.in}</Td>
                  <Td>{typeLabel(parameter.schema, components)}</Td>
                  <Td>{parameter.required ? t('common.yes') : t('common.no')}</Td>
                  <Td>{parameter.description ?? ''}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>

      {body && (
        <div>
          <h4 className="text-sm font-semibold text-slate-900">
            {t('api.docs.requestBody')} <span className="font-normal text-slate-600">({body[0]})</span>
          </h4>
          {operation.requestBody?.description && <p className="text-sm text-slate-700">{operation.requestBody.description}</p>}
          <details className="mt-2 rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-indigo-700">
              {t('api.docs.showSchema')}: {typeLabel(body[1].schema, components)}
            </summary>
            <div className="mt-3">
              <SchemaView schema={body[1].schema} components={components} labels={labels} />
            </div>
          </details>
        </div>
      )}

      <div>
        <h4 className="text-sm font-semibold text-slate-900">{t('api.docs.responses')}</h4>
        <ul className="mt-1 space-y-2">
          {successes.map(([status, response]) => {
            const content = response.content ? Object.entries(response.content)[0] : undefined;
            return (
              <li key={status} className="text-sm">
                <code className="font-mono font-semibold text-emerald-800">{status}</code> <span className="text-slate-700">{response.description}</span>
                {content && <span className="text-slate-600"> ({content[0]})</span>}
                {content && (
                  <details className="mt-2 rounded-md border border-slate-200 p-3">
                    <summary className="cursor-pointer font-medium text-indigo-700">
                      {t('api.docs.showSchema')}: {typeLabel(content[1].schema, components)}
                    </summary>
                    <div className="mt-3">
                      <SchemaView schema={content[1].schema} components={components} labels={labels} />
                    </div>
                  </details>
                )}
              </li>
            );
          })}
          <li className="text-sm text-slate-700">
            {t('api.docs.problems')}{' '}
            {problems.map(([status, response], index) => (
              <span key={status}>
                {index > 0 && ', '}
                <code className="font-mono font-semibold text-slate-800">{status}</code>{' '}
                {(response['x-problem-types'] ?? []).map((code, i) => (
                  <span key={code}>
                    {i > 0 && ' / '}
                    <a href={`#problem-${code}`} className={linkClass}>
                      {t(`api.problems.${code}.title`)}
                    </a>
                  </span>
                ))}
              </span>
            ))}
          </li>
        </ul>
      </div>
    </Card>
  );
}

async function ApiDocsPage() {
  const caller = await requirePermission('self:read');
  const t = translator(caller.language);
  const document = openApiDocument();
  const components = document.components.schemas;
  const groups = document.tags.map(({ name }) => ({
    name,
    entries: Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.tags.includes(name))
        .map(([method, operation]) => ({ method, path, operation })),
    ),
  }));
  const documentLink = `${API_BASE_PATH}/openapi.json`;
  const [before, after] = t('api.docs.intro', { base: API_BASE_PATH, document: '\u0000' }).split('\u0000');

  return (
    <div className="space-y-8">
      <PageHeader
        title={t('api.docs.title')}
        description={
          <>
            {before}
            <a href={documentLink} className={linkClass}>
              {documentLink}
            </a>
            {after}
          </>
        }
      />

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card role="region" aria-labelledby="api-auth">
          <h2 id="api-auth" className="text-base font-semibold text-slate-900">
            {t('api.docs.authTitle')}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{t('api.docs.auth', { limit: API_RATE_LIMIT, ownerLimit: API_OWNER_RATE_LIMIT })}</p>
        </Card>
        <Card role="region" aria-labelledby="api-errors">
          <h2 id="api-errors" className="text-base font-semibold text-slate-900">
            {t('api.docs.errorsTitle')}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{t('api.docs.errors')}</p>
          <dl className="mt-3 space-y-2 text-sm">
            {(Object.keys(PROBLEMS) as ProblemCode[]).map((code) => (
              <div key={code} id={`problem-${code}`} className="scroll-mt-6">
                <dt className="font-medium text-slate-900">
                  <code className="font-mono">{PROBLEMS[code]}</code> {t(`api.problems.${code}.title`)}
                </dt>
                <dd className="text-slate-700">{t(`api.problems.${code}.detail`, { max: 1048576, limit: API_RATE_LIMIT, seconds: 60 })}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      <nav aria-labelledby="api-contents">
        <h2 id="api-contents" className="text-lg font-semibold text-slate-900">
          {t('api.docs.contents')}
        </h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((group) => (
            <div key={group.name}>
              <a href={`#tag-${slug(group.name)}`} className={`text-sm ${linkClass}`}>
                {group.name}
              </a>
              <ul className="mt-1 space-y-1">
                {group.entries.map(({ method, path, operation }) => (
                  <li key={operation.operationId} className="text-sm">
                    <a href={`#op-${operation.operationId}`} className="text-slate-700 underline-offset-2 hover:underline">
                      <span className="font-mono text-xs font-semibold uppercase">{method}</span> <span className="font-mono break-all">{path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>

      {groups.map((group) => (
        <section key={group.name} aria-labelledby={`tag-${slug(group.name)}`} className="space-y-4">
          <h2 id={`tag-${slug(group.name)}`} className="scroll-mt-6 text-xl font-semibold text-slate-900">
            {group.name}
          </h2>
          {group.entries.map((entry) => (
            <Operation key={entry.operation.operationId} entry={entry} components={components} t={t} />
          ))}
        </section>
      ))}
    </div>
  );
}

export default withPageMessages(ApiDocsPage, ['accountImport.errors', 'accounts.bulk', 'aliases.errors', 'api.problems', 'domains.errors', 'mailboxSettings.errors', 'recovery.commonPassword', 'security', 'wizard.errors']);
