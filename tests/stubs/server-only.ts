// `server-only` throws when imported outside Next's server bundles; tests import server code directly.
export {};
