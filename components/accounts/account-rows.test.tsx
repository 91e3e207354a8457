import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/tests/unit/support/i18n';
import type { AccountListRow } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import { translator } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';
import { rowData } from './account-row-data';
import { rowView, type RowData } from './account-rows';
import { AccountRowsBody } from './account-rows-body';

const render = (rows: RowData[], language: Language = 'en') =>
  renderToStaticMarkup(
    <I18nProvider language={language}>
      <AccountRowsBody rowsJson={JSON.stringify(rows)} />
    </I18nProvider>,
  );

const admin: Caller = { kind: 'admin', role: 'admin', id: 1, label: 'a', language: 'en', timeZone: 'Europe/Rome', sessionVersion: 1 };
const row = (over: Partial<AccountListRow> = {}): AccountListRow => ({
  id: 7,
  domainId: 1,
  domainName: 'example.com',
  address: 'anna@example.com',
  firstName: 'Anna',
  lastName: 'Rossi',
  description: '',
  isPostmaster: false,
  active: true,
  status: 'online',
  quotaBytes: 1024 ** 3,
  usedBytes: 512 * 1024 ** 2,
  lastAccessAt: new Date('2026-11-20T10:30:00Z'),
  sent24h: 1234,
  canToggle: true,
  canDelete: true,
  ...over,
});

describe('AccountRowsBody', () => {
  it('renders each row: status, address, name, storage bar, last access, sent and the "More" menu', () => {
    const t = translator('en');
    const f = listFormatters('en', 'Europe/Rome');
    const data = [
      row(),
      row({ id: 8, isPostmaster: true, address: 'postmaster@xn--bcher-kva.example', firstName: '', lastName: '', description: 'Postmaster', usedBytes: 0 }),
      row({ id: 9, active: false, status: 'offline', lastAccessAt: null, usedBytes: 1024 ** 3, canDelete: false }),
      row({ id: 10, status: 'updating', firstName: '', lastName: '', description: '', canToggle: false, canDelete: false, quotaBytes: 0 }),
    ].map((r) => rowData(r, admin, f));
    const html = render(data);
    const views = data.map((d) => rowView(d, t));
    // The markup data-rows.css and account-rows.css style: bare elements under <tbody class="data-rows account-rows">.
    expect(html).toBe(
      '<tbody class="data-rows account-rows"><tr><td><span data-s="on">Online</span></td>' +
        '<td><a href="/accounts/7">anna@<wbr/>example.com</a><small>Anna Rossi</small></td>' +
        `<td class="whitespace-nowrap">${views[0]!.usage}<span aria-hidden="true" data-bar="" style="--used:50.0%"></span></td>` +
        `<td class="whitespace-nowrap"><time dateTime="2026-11-20T10:30:00.000Z">${f.dateTime(new Date('2026-11-20T10:30:00Z'))}</time></td>` +
        '<td class="tabular-nums">1,234</td>' +
        '<td><button type="button" popoverTarget="row-menu-7" aria-label="More actions for anna@example.com">More</button>' +
        '<div id="row-menu-7" popover="auto"><a href="/accounts/7">Settings</a><a href="/accounts/7?action=deactivate">Deactivate</a>' +
        '<a href="/accounts/7?action=delete" data-danger="">Delete</a>' +
        '</div></td></tr>' +
        html.slice(html.indexOf('</tr>') + 5),
    );
    // What the rows say, in the caller's language and time zone.
    expect(html).toContain('<a href="/accounts/7">anna@<wbr/>example.com</a><small>Anna Rossi</small>');
    expect(html).toContain('postmaster@<wbr/>bücher.example');
    expect(html).toContain('<a href="/accounts/9?action=reactivate">');
    expect(html).toContain('data-bar="full" style="--used:100.0%"');
    expect(html).toContain('<span data-never="">');
    expect(html).toContain('1,234');
    // Each status in its tone (data-rows.css): online, offline, updating.
    expect([...html.matchAll(/<span data-s="(\w+)">/g)].map((m) => m[1])).toEqual(['on', 'on', 'off', 'pending']);
    expect(html.match(/<tr>/g)).toHaveLength(4);
    // The "More" menu: a postmaster's offers its settings only; the rest follow the caller's rights.
    const menus = views.map((v) => v.menu.map((item) => item.href));
    expect(menus).toEqual([
      ['/accounts/7', '/accounts/7?action=deactivate', '/accounts/7?action=delete'],
      ['/postmasters/8'],
      ['/accounts/9', '/accounts/9?action=reactivate'],
      ['/accounts/10'],
    ]);
    expect(views[0]!.menuAccessibleLabel).toBe(t('accountsList.moreFor', { address: 'anna@example.com' }));
    // The page's language words the rows.
    expect(render(data.slice(0, 1), 'it')).toContain(`>${translator('it')('accountsList.more')}</button>`);
  });

  it('sends the browser figures and links, not markup', () => {
    const data = rowData(row({ firstName: '<b>', lastName: '' }), admin, listFormatters('en', 'Europe/Rome'));
    expect(data).toMatchObject({ href: '/accounts/7', address: 'anna@example.com', name: '<b>', toggle: 'deactivate', remove: true });
    expect(JSON.stringify(data)).not.toMatch(/<(tr|td|a|span) /);
  });

  it('nothing typed into an account becomes markup', () => {
    const hostile = rowData(
      row({ firstName: '<script>alert(1)</script>', lastName: '"><img src=x onerror=alert(1)>', address: "x' onmouseover='y@example.com" }),
      admin,
      listFormatters('en', 'Europe/Rome'),
    );
    const html = render([hostile]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(script|img)/);

    // Whatever the values, the rows have the same elements and attributes as with plain ones: only the text differs.
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '=', '/', ' ', 'a', 'é', '\u2028', '`', '@'), maxLength: 30 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '&amp;&lt;', ''),
    );
    const data: fc.Arbitrary<RowData> = fc.record({
      id: fc.integer({ min: 1 }),
      status: fc.constantFrom('online', 'offline', 'updating'),
      href: text,
      address: text,
      postmaster: fc.boolean(),
      name: text,
      used: text,
      quota: text,
      share: fc.integer({ min: 0, max: 1000 }).map((n) => (n / 10).toFixed(1)),
      full: fc.boolean(),
      lastAccess: fc.option(fc.record({ iso: text, text }), { nil: null }),
      sent: text,
      toggle: fc.constantFrom('deactivate', 'reactivate', null),
      remove: fc.boolean(),
    });
    const plain = (value: string) => value.replace(/[^@]+/g, 'x');
    const skeleton = (html: string) => html.replace(/[^<>"]/g, '');
    fc.assert(
      fc.property(fc.uniqueArray(data, { selector: (d) => d.href, maxLength: 3 }), (rows) => {
        const plainRows = rows.map((d) => ({
          ...d,
          href: plain(d.href),
          address: plain(d.address),
          name: plain(d.name),
          used: plain(d.used),
          quota: plain(d.quota),
          sent: plain(d.sent),
          lastAccess: d.lastAccess && { iso: plain(d.lastAccess.iso), text: plain(d.lastAccess.text) },
        }));
        expect(skeleton(render(rows))).toBe(skeleton(render(plainRows)));
      }),
      { numRuns: 300 },
    );
  });
});
