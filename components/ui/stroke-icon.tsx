import type { ReactNode } from 'react';

/** A decorative line icon on a 24-unit grid, drawn in the text colour; hidden from screen readers. */
export function StrokeIcon({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}
