'use client';

import { useEffect, useMemo } from 'react';
import type { FieldValues, Resolver } from 'react-hook-form';
import type * as z4 from 'zod/v4/core';

export type FormSchema = z4.$ZodType<unknown, FieldValues>;
type FormResolver<T extends FormSchema> = Resolver<z4.input<T>, unknown, z4.output<T>>;

function lazyResolver<T extends FormSchema>(load: () => Promise<T>) {
  let loaded: Promise<FormResolver<T>> | undefined;
  const ready = () =>
    (loaded ??= (async () => {
      // zod 4 probes `new Function` once to compile faster parsers; under the panel's Content-Security-Policy
      // (no 'unsafe-eval') the probe fails harmlessly but is reported as a violation. Parse without it: set
      // before the schema's module runs, since building a schema may already probe.
      const { config } = await import('zod/v4/core');
      config({ jitless: true });
      const [schema, { zodResolver }] = await Promise.all([load(), import('@hookform/resolvers/zod')]);
      return zodResolver(schema) as unknown as FormResolver<T>;
    })());
  const resolver: FormResolver<T> = async (values, context, options) => (await ready())(values, context, options);
  return { resolver, ready };
}

/**
 * The form's resolver for its zod schema (the same schema the server action and the API parse), loaded
 * when the browser is idle after the page rather than with it: zod and the schemas are ~120 KiB a page
 * needs only once someone types. `load` is a module-level
 * `() => import('@/lib/validations/x').then((m) => m.xSchema)`, so it is the same function every render.
 */
export function useLazyZodResolver<T extends FormSchema>(load: () => Promise<T>): FormResolver<T> {
  const { resolver, ready } = useMemo(() => lazyResolver(load), [load]);
  useEffect(() => {
    const start = () => void ready().catch(() => undefined);
    if (typeof window.requestIdleCallback !== 'function') {
      const handle = setTimeout(start, 200);
      return () => clearTimeout(handle);
    }
    const handle = window.requestIdleCallback(start, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }, [ready]);
  return resolver;
}
