import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { Language } from '@/lib/mail/services';
import { postmasterRowData, type PostmasterListRow } from './postmaster-rows';
import { PostmasterRowsBody } from './postmaster-rows-body';

const row = (over: Partial<PostmasterListRow> = {}): PostmasterListRow => ({
  id: 9,
  address: 'postmaster@xn--bcher-kva.example',
  domainId: 2,
  domainName: 'xn--bcher-kva.example',
  active: true,
  quotaBytes: 50 * 1024 ** 2,
  usedBytes: 1536 * 1024,
  ...over,
});

const render = (rows: PostmasterListRow[], language: Language = 'en') =>
  renderToStaticMarkup(
    <I18nProvider language={language}>
      <PostmasterRowsBody rowsJson={JSON.stringify(rows.map((r) => postmasterRowData(r, language)))} />
    </I18nProvider>,
  );

describe('PostmasterRowsBody', () => {
  it('renders each row as bare cells: status, domain, address link, storage in the locale', () => {
    const html = render([row(), row({ id: 10, active: false, usedBytes: 0 })]);
    expect(html).toBe(
      '<tbody class="data-rows">' +
        '<tr><td><span data-s="on">Online</span></td><td>bücher.example</td>' +
        '<td><a href="/postmasters/9">postmaster@bücher.example</a></td><td>1.5 MB of 50 MB</td></tr>' +
        '<tr><td><span data-s="off">Offline</span></td><td>bücher.example</td>' +
        '<td><a href="/postmasters/10">postmaster@bücher.example</a></td><td>0 B of 50 MB</td></tr>' +
        '</tbody>',
    );
  });

  it('words and formats the rows in the caller’s language', () => {
    const html = render([row()], 'it');
    expect(html).toContain('<td>1,5 MB di 50 MB</td>');
  });
});
