'use client';

import { useEffect, useRef, type ReactNode } from 'react';

const SIZE = { 2: 'text-lg', 3: 'text-base' } as const;

/**
 * The title of what replaces a form once it is done (a result, a password shown once). It takes the focus
 * when it appears, so keyboard and screen-reader users land on the result rather than on nothing.
 */
export function ResultHeading({ level, children }: { level: 2 | 3; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag ref={ref} tabIndex={-1} className={`${SIZE[level]} font-semibold text-slate-900 focus:outline-none`}>
      {children}
    </Tag>
  );
}
