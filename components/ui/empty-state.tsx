import type { ReactNode } from 'react';

export type EmptyStateProps = {
  title: ReactNode;
  children?: ReactNode;
};

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="text-base font-semibold text-slate-900">{title}</p>
      {children && (
        <div className="mx-auto mt-2 flex max-w-prose flex-col items-center gap-4 text-sm text-slate-600">
          {children}
        </div>
      )}
    </div>
  );
}
