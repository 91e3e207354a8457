import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { AliasListRow } from '@/lib/aliases/list-aliases';
import type { Language } from '@/lib/mail/services';
import { aliasRowData } from './alias-rows';
import { AliasRowsBody } from './alias-rows-body';

const row = (over: Partial<AliasListRow> = {}): AliasListRow => ({
  id: 7,
  domainId: 1,
  domainName: 'xn--bcher-kva.example',
  address: 'info@xn--bcher-kva.example',
  description: 'Front desk',
  active: true,
  senders: 'anyone',
  receiving: true,
  targets: ['anna@xn--bcher-kva.example'],
  ...over,
});

const render = (rows: AliasListRow[], showDomain: boolean, language: Language = 'en') =>
  renderToStaticMarkup(
    <I18nProvider language={language}>
      <AliasRowsBody rowsJson={JSON.stringify(rows.map((r) => aliasRowData(r, showDomain)))} />
    </I18nProvider>,
  );

describe('AliasRowsBody', () => {
  it('renders each row as bare cells: address link, targets, description, status', () => {
    const html = render([row()], false);
    // The markup components/list/data-rows.css styles; the description cell is hidden on a phone.
    expect(html).toBe(
      '<tbody class="data-rows [&amp;_a]:wrap-anywhere [&amp;_td]:wrap-anywhere"><tr>' +
        '<td><a href="/aliases/7">info@<wbr/>bücher.example</a></td>' +
        '<td>anna@bücher.example</td>' +
        '<td class="hidden md:table-cell">Front desk</td>' +
        '<td><span data-s="on">Active</span></td>' +
        '</tr></tbody>',
    );
  });

  it('shows three targets and how many more, the senders rule, the domain column, and the status tones', () => {
    const targets = ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example'];
    const html = render(
      [
        row({ id: 1, targets, senders: 'members' }),
        row({ id: 2, senders: 'domain', active: false, receiving: false }),
        // Active, but its domain is not: shown as active, in the off tone (mail is not taken).
        row({ id: 3, receiving: false }),
      ],
      true,
    );
    expect(html).toContain('<td>a@x.example, b@x.example, c@x.example and 2 more<small>Only its members may send to it</small></td>');
    expect(html).toContain('<small>Only its domain may send to it</small>');
    expect(html.match(/<td>bücher\.example<\/td>/g)).toHaveLength(3);
    expect([...html.matchAll(/<span data-s="(\w+)">(\w+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['on Active', 'off Inactive', 'off Active']);
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it('words the rows in the page’s language', () => {
    const html = render([row({ targets: ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'], active: false, receiving: false })], false, 'it');
    expect(html).toContain('a@x.example, b@x.example, c@x.example');
    expect(html).not.toContain('and 1 more');
    expect(html).toContain('<span data-s="off">');
    expect(html).not.toContain('>Inactive<');
  });

  it('escapes what people typed', () => {
    const html = render([row({ description: '<script>alert(1)</script>' })], false);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});
