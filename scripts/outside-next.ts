import Module from 'node:module';
import path from 'node:path';

// Imported first by every entry point that runs outside Next (the custom server, the CLIs, the
// worker, the benchmark). Modules that reach the database import 'server-only', so that a client
// component importing one fails the build; Next's server resolves it to an empty module (the
// react-server condition), plain Node to one that throws. Here it resolves to the empty one, as on
// Next's server. The import must come before any other, so that it is in place when they load.
const empty = path.join(path.dirname(require.resolve('server-only')), 'empty.js');

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  return request === 'server-only' ? empty : resolveFilename.call(this, request, ...rest);
};
