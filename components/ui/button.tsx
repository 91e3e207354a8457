'use client';

import type { ComponentPropsWithRef } from 'react';
import { useHydrated } from './use-hydrated';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './classes';

export type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  pending?: boolean;
};

export function Button({
  variant = 'primary',
  size = 'md',
  pending = false,
  disabled,
  type = 'button',
  className,
  children,
  ...props
}: ButtonProps) {
  // A submit button works before React runs (the form's submit is held, then sent: use-queued-submit.ts);
  // any other button would do nothing until then, so it waits, visibly.
  const hydrated = useHydrated();
  return (
    <button
      {...props}
      type={type}
      disabled={disabled || pending || (!hydrated && type !== 'submit')}
      aria-busy={pending || undefined}
      className={buttonClasses(variant, size, className)}
    >
      {pending && <Spinner />}
      {children}
    </button>
  );
}

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return (
    <svg className={`${className} shrink-0 motion-safe:animate-spin`} viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="4" className="opacity-25" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
