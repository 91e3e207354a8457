'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

type VersionState = { version: number; setVersion: (version: number) => void };

const VersionContext = createContext<VersionState | null>(null);

/**
 * The mailbox's optimistic-lock version, shared by the page's five sections: each save sends the version
 * the page holds and moves it on, so saving one section does not make the others look stale, while a
 * save by someone else in between is still refused.
 */
export function MailboxVersionProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const [saved, setVersion] = useState(initial);
  // A refreshed page (after a save elsewhere on it) may bring a newer version than the one held here.
  const version = Math.max(saved, initial);
  const value = useMemo(() => ({ version, setVersion }), [version]);
  return <VersionContext.Provider value={value}>{children}</VersionContext.Provider>;
}

export function useMailboxVersion(): VersionState {
  const state = useContext(VersionContext);
  if (!state) throw new Error('useMailboxVersion needs a MailboxVersionProvider.');
  return state;
}
