import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { Language } from '@/lib/mail/services';
import { domainRowData, type DomainListRow } from './domain-rows';
import { DomainRowsBody } from './domain-rows-body';

const row = (over: Partial<DomainListRow> = {}): DomainListRow => ({
  id: 4,
  name: 'xn--bcher-kva.example',
  active: true,
  planName: 'Business',
  maxAccounts: 5000,
  domainStorageBytes: 50 * 1024 ** 3,
  ownerEmail: 'owner@example.net',
  accounts: 1234,
  allocated: 2 * 1024 ** 3,
  dnsStatus: 'ok',
  dnsCheckedAt: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

const render = (rows: DomainListRow[], { language = 'en', owner = false }: { language?: Language; owner?: boolean } = {}) =>
  renderToStaticMarkup(
    <I18nProvider language={language}>
      <DomainRowsBody rowsJson={JSON.stringify(rows.map((r) => domainRowData(r, language, owner)))} />
    </I18nProvider>,
  );

describe('DomainRowsBody', () => {
  it('renders each row as bare cells: status, name link, plan, DNS link, accounts and storage in the locale', () => {
    const html = render([row()]);
    expect(html).toBe(
      '<tbody class="data-rows"><tr>' +
        '<td><span data-s="on">Active</span></td>' +
        '<td><a href="/domains/4">bücher.example</a></td>' +
        '<td>Business</td>' +
        '<td><a href="/domains/4/dns"><span data-s="on">DNS correct</span></a></td>' +
        '<td>1,234 of 5,000</td>' +
        '<td>2 GB of 50 GB</td>' +
        '</tr></tbody>',
    );
  });

  it('shows the owner to a superadmin only, and each DNS summary and status in its tone', () => {
    const rows = [row({ id: 1, dnsStatus: 'problems' }), row({ id: 2, dnsStatus: null, active: false })];
    const html = render(rows, { owner: true });
    expect(html.match(/<small>owner@example\.net<\/small>/g)).toHaveLength(2);
    expect(render(rows)).not.toContain('owner@example.net');
    expect([...html.matchAll(/<span data-s="(\w+)">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'on Active',
      'bad DNS problems',
      'off Inactive',
      'off DNS not checked',
    ]);
  });

  it('formats the figures for the caller’s language', () => {
    const html = render([row()], { language: 'it' });
    expect(html).toContain('1.234');
    expect(html).toContain('5.000');
    expect(html).not.toContain('DNS correct');
  });
});
