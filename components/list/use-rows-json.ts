'use client';

import { useMemo } from 'react';

/**
 * A long list's rows as the server sent them to its rows component: one JSON string, so React's payload
 * carries one value instead of ~15 per row, each serialized and revived on its own on every request.
 */
export function useRowsJson<Row>(rowsJson: string): Row[] {
  return useMemo(() => JSON.parse(rowsJson) as Row[], [rowsJson]);
}
