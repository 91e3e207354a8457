'use client';

import { useT } from '@/components/i18n-provider';
import { rowsHtml, rowView, type RowData } from './account-rows';

/** The list's <tbody>: the rows the server decided, worded in the page's language, as one string of HTML. */
export function AccountRowsBody({ rows }: { rows: RowData[] }) {
  const t = useT();
  return <tbody className="account-rows" dangerouslySetInnerHTML={{ __html: rowsHtml(rows.map((d) => rowView(d, t))) }} />;
}
