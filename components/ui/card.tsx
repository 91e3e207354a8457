import type { ComponentPropsWithRef } from 'react';

function cx(...classes: (string | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

export function Card({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return (
    <div {...props} className={cx('rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6', className)} />
  );
}

export function CardHeader({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return (
    <div {...props} className={cx('mb-4 flex flex-wrap items-start justify-between gap-x-4 gap-y-2', className)} />
  );
}

export type CardTitleProps = ComponentPropsWithRef<'h2'> & { as?: 'h2' | 'h3' };

export function CardTitle({ as: Heading = 'h2', className, ...props }: CardTitleProps) {
  return <Heading {...props} className={cx('text-base font-semibold text-slate-900', className)} />;
}

export function CardDescription({ className, ...props }: ComponentPropsWithRef<'p'>) {
  return <p {...props} className={cx('mt-1 text-sm text-slate-600', className)} />;
}
