'use client';

// zod's core settings only: a page without a form does not load zod itself for this.
import { config } from 'zod/v4/core';

// zod 4 probes `new Function` once to compile faster parsers; under the panel's Content-Security-Policy
// (no 'unsafe-eval') the probe fails harmlessly but is still reported as a policy violation. In the
// browser, parse without it. The module runs when the root layout's client code loads, before any form.
if (typeof window !== 'undefined') config({ jitless: true });

export function ZodWithoutEval() {
  return null;
}
