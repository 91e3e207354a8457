import fc from 'fast-check';
import type { CSSProperties } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountListRow } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import { translator } from '@/lib/i18n/translate';
import { rowData } from './account-row-data';
import { rowsHtml, rowView, type RowView } from './account-rows';

// The reference: the rows as React elements (what the list rendered before they became a string).
function Row({ v }: { v: RowView }) {
  return (
    <tr>
      <td>
        <span data-s={v.status}>{v.statusLabel}</span>
      </td>
      <td>
        <a href={v.href}>
          {v.addressLocal}
          <wbr />
          {v.addressDomain}
        </a>
        {v.postmasterLabel !== null && <span data-pm="">{v.postmasterLabel}</span>}
        {v.name && <small>{v.name}</small>}
      </td>
      <td className="whitespace-nowrap">
        {v.usage}
        <span aria-hidden="true" data-bar={v.full ? 'full' : ''} style={{ '--used': `${v.share}%` } as CSSProperties} />
      </td>
      <td className="whitespace-nowrap">
        {v.lastAccess ? <time dateTime={v.lastAccess.iso}>{v.lastAccess.text}</time> : <span data-never="">{v.neverLabel}</span>}
      </td>
      <td className="tabular-nums">{v.sent}</td>
      <td>
        <details>
          <summary aria-label={v.menuAccessibleLabel}>{v.menuLabel}</summary>
          {v.menu.map((item) => (
            <a key={item.href} href={item.href} data-danger={item.danger ? '' : undefined}>
              {item.label}
            </a>
          ))}
        </details>
      </td>
    </tr>
  );
}

const react = (views: RowView[]) =>
  renderToStaticMarkup(
    <tbody>
      {views.map((v, i) => (
        <Row key={i} v={v} />
      ))}
    </tbody>,
  );
const ours = (views: RowView[]) => `<tbody>${rowsHtml(views)}</tbody>`;

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

describe('rowsHtml', () => {
  it('writes what React writes for the same rows', () => {
    const t = translator('en');
    const f = listFormatters('en', 'Europe/Rome');
    const views = [
      row(),
      row({ id: 8, isPostmaster: true, address: 'postmaster@xn--bcher-kva.example', firstName: '', lastName: '', description: 'Postmaster', usedBytes: 0 }),
      row({ id: 9, active: false, status: 'offline', lastAccessAt: null, usedBytes: 1024 ** 3, canDelete: false }),
      row({ id: 10, status: 'updating', firstName: '', lastName: '', description: '', canToggle: false, canDelete: false, quotaBytes: 0 }),
    ].map((r) => rowView(rowData(r, admin, f), t));
    expect(ours(views)).toBe(react(views));
    // What the rows say, in the caller's language and time zone.
    expect(ours(views)).toContain('<a href="/accounts/7">anna@<wbr/>example.com</a><small>Anna Rossi</small>');
    expect(ours(views)).toContain('postmaster@<wbr/>bücher.example');
    expect(ours(views)).toContain('<a href="/accounts/9?action=reactivate">');
    expect(ours(views)).toContain('data-bar="full" style="--used:100.0%"');
    expect(ours(views)).toContain('1,234');
    // The "More" menu: a postmaster's offers its settings only; the rest follow the caller's rights.
    const menus = views.map((v) => v.menu.map((item) => item.href));
    expect(menus).toEqual([
      ['/accounts/7', '/accounts/7?action=deactivate', '/accounts/7?action=delete'],
      ['/postmasters/8'],
      ['/accounts/9', '/accounts/9?action=reactivate'],
      ['/accounts/10'],
    ]);
    expect(views[0]!.menuAccessibleLabel).toBe(t('accountsList.moreFor', { address: 'anna@example.com' }));
  });

  it('sends the browser figures and links, not markup', () => {
    const data = rowData(row({ firstName: '<b>', lastName: '' }), admin, listFormatters('en', 'Europe/Rome'));
    expect(data).toMatchObject({ href: '/accounts/7', address: 'anna@example.com', name: '<b>', toggle: 'deactivate', remove: true });
    expect(JSON.stringify(data)).not.toMatch(/<(tr|td|a|span) /);
  });

  it('escapes any text exactly as React does: nothing typed into an account becomes markup', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '=', '/', ' ', 'a', 'é', '\u2028', '`'), maxLength: 30 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '&amp;&lt;', ''),
    );
    const view: fc.Arbitrary<RowView> = fc.record({
      status: fc.constantFrom('online', 'offline', 'updating'),
      statusLabel: text,
      href: text,
      addressLocal: text,
      addressDomain: text,
      postmasterLabel: fc.option(text, { nil: null }),
      name: text,
      usage: text,
      share: fc.integer({ min: 0, max: 1000 }).map((n) => (n / 10).toFixed(1)),
      full: fc.boolean(),
      lastAccess: fc.option(fc.record({ iso: text, text }), { nil: null }),
      neverLabel: text,
      sent: text,
      menuLabel: text,
      menuAccessibleLabel: text,
      menu: fc.uniqueArray(fc.record({ href: text, label: text, danger: fc.option(fc.constant(true), { nil: undefined }) }), { selector: (i) => i.href, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(view, { maxLength: 3 }), (views) => {
        expect(ours(views)).toBe(react(views));
      }),
      { numRuns: 1000 },
    );
  });
});
