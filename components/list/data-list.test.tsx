import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translator } from '@/lib/i18n/translate';
import { DataList, type Column, type DataListProps } from './data-list';

type Row = { id: number; name: string; size: number };
type Sort = 'name' | 'size';

const t = translator('en');
const columns: Column<Row, Sort>[] = [
  { key: 'name', label: 'Name', sort: 'name', cell: (row) => <b>{row.name}</b> },
  { key: 'size', label: 'Size', sort: 'size', headerClassName: 'text-right', className: 'text-right', cell: (row) => row.size },
  { key: 'note', label: 'Note', cell: () => 'plain' },
  { key: 'actions', label: 'Actions', hideLabel: true, cell: (row) => <button type="button">Edit {row.name}</button> },
];
const rows: Row[] = [
  { id: 1, name: 'alpha', size: 3 },
  { id: 2, name: 'beta', size: 5 },
];
const query = { page: 2, pageSize: 25, q: 'al', sort: 'size' as Sort, dir: 'desc' as const };

function render(over: Partial<DataListProps<Row, Sort>> = {}) {
  const props: DataListProps<Row, Sort> = {
    caption: 'Things',
    columns,
    rows,
    t,
    paging: { path: '/things', query, total: 60 },
    search: { label: 'Search things' },
    empty: { title: 'No things yet', children: <a href="/things/new">Add one</a> },
    ...over,
  };
  return renderToStaticMarkup(<DataList {...props} />).replaceAll('&amp;', '&');
}

describe('DataList', () => {
  it('writes one table: a caption, a header per column, a row per item with its cells', () => {
    const html = render();
    expect(html).toContain('<caption class="sr-only">Things</caption>');
    expect(html.match(/<th /g)).toHaveLength(4);
    expect(html.match(/<tr /g)).toHaveLength(2);
    expect(html).toContain('<b>alpha</b>');
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*">5<\/td>/);
    expect(html).toContain('<span class="sr-only">Actions</span>');
    expect(html).toContain('>Note</th>');
  });

  it('sorts by the header: the current column reverses, the others start ascending, the search is kept', () => {
    const html = render();
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('href="/things?q=al&sort=size&dir=asc"');
    expect(html).toContain('href="/things?q=al&sort=name&dir=asc"');
    expect(html).toContain('title="Sort by Size"');
    // A column without a sort key is a plain header.
    expect(html).not.toContain('sort=note');
  });

  it('searches with a GET form that keeps the sort and a chosen page size, and starts at page 1', () => {
    const html = render({ paging: { path: '/things', query: { ...query, pageSize: 50 }, total: 60 } });
    expect(html).toMatch(/<form role="search"[^>]* action="\/things" method="get">/);
    expect(html).toContain('<input type="hidden" name="sort" value="size"/>');
    expect(html).toContain('<input type="hidden" name="dir" value="desc"/>');
    expect(html).toContain('<input type="hidden" name="size" value="50"/>');
    expect(html).not.toContain('name="page"');
    expect(html).toContain('value="al"');
    expect(html).toContain('href="/things?q=al&size=50&sort=name&dir=asc"');
    // The default size stays out of the URLs.
    expect(render()).not.toContain('name="size"');
  });

  it('pages with the total, keeping search and sort', () => {
    const html = render();
    expect(html).toContain('Showing 26–50 of 60');
    expect(html).toContain('href="/things?q=al&sort=size&dir=desc&page=1&size=25"');
    expect(html).toContain('href="/things?q=al&sort=size&dir=desc&page=3&size=25"');
  });

  it('says "more than" a total that is a count stopped at its cap, in both languages', () => {
    const paging = { path: '/things', query, total: 10_000, capped: true };
    expect(render({ paging })).toContain('Showing 26–50 of more than 10,000');
    expect(render({ paging, t: translator('it') })).toContain('Da 26 a 50 di oltre 10.000');
    expect(render({ paging: { ...paging, capped: false } })).toContain('Showing 26–50 of 10,000');
  });

  it('keeps the page\'s own filters in the pager, and leaves sort and search out where the list has none', () => {
    const plain = columns.map(({ sort: _sort, ...column }) => column);
    const html = render({ columns: plain, search: undefined, filters: { domain: 'shop.example', actor: '' }, paging: { path: '/log', query: { page: 1, pageSize: 25 }, total: 30 } });
    expect(html).not.toContain('role="search"');
    expect(html).not.toContain('aria-sort');
    expect(html).toContain('href="/log?domain=shop.example&page=2&size=25"');
  });

  it('says why nothing is listed: nothing there yet, nothing matching, or past the last page', () => {
    const empty = render({ rows: [], paging: { path: '/things', query: { ...query, q: '', page: 1 }, total: 0 } });
    expect(empty).toContain('No things yet');
    expect(empty).toContain('<a href="/things/new">Add one</a>');
    expect(empty).not.toContain('<table');
    expect(empty).not.toContain('Showing');

    const noMatch = render({ rows: [], paging: { path: '/things', query: { ...query, page: 1 }, total: 0 } });
    expect(noMatch).toContain(t('common.noResults'));
    expect(noMatch).not.toContain('Add one');
    expect(render({ rows: [], paging: { path: '/things', query: { ...query, page: 1 }, total: 0 }, noMatch: 'No thing called that' })).toContain('No thing called that');
    expect(render({ rows: [], search: undefined, filters: { actor: 'x' }, paging: { path: '/log', query: { page: 1, pageSize: 25 }, total: 0 } })).toContain(t('common.noResults'));

    const pastEnd = render({ rows: [], paging: { path: '/things', query: { ...query, q: '', page: 9 }, total: 60 } });
    expect(pastEnd).toContain(t('common.noResults'));
    expect(pastEnd).toContain('Showing');
    expect(pastEnd).toContain('Previous');
  });

  it('lists everything on one page without a pager or a search when it has no paging', () => {
    const html = render({ paging: undefined, search: undefined });
    expect(html).toContain('<table');
    expect(html).not.toContain('role="search"');
    expect(html).not.toContain('Showing');
    expect(html).not.toContain('aria-sort');
    expect(html).toContain('>Name</th>');
  });

  it('takes a body of its own instead of the cells', () => {
    const html = render({ body: <tbody className="custom"><tr><td>mine</td></tr></tbody> });
    expect(html).toContain('<tbody class="custom"><tr><td>mine</td></tr></tbody>');
    expect(html).not.toContain('alpha');
  });
});
