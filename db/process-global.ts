// Some state must exist once per process (the database handle, the bulk-hashing limiter, the worker's
// wake-up call, the per-request outage store), but one module can be loaded several times in a process:
// the custom server (server.ts under tsx) and Next's server bundles are separate module graphs, Next
// bundles route handlers separately, and dev hot reload evaluates modules again. A module-level
// variable would then exist once per copy. A slot on globalThis, under a registered symbol, is the same
// for every copy. In db/, the lowest layer, so that db/index.ts can use it too.

export type ProcessSlot<T> = {
  get(): T | undefined;
  set(value: T | undefined): void;
  /** The value, made by `create` on first use. */
  getOrCreate(create: () => T): T;
};

/** The process-wide slot named `name` (the same slot wherever and however often this is called). */
export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = Symbol.for(`mailpanel.${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => slots[key],
    set: (value) => {
      slots[key] = value;
    },
    getOrCreate: (create) => (slots[key] ??= create()),
  };
}
