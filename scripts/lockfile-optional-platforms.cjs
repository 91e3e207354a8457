// The npm registry reachable here lacks other platforms' optional binaries (e.g. @next/swc-darwin-*), so
// `npm install` leaves them out of the lock and `npm ci` then calls the lock out of sync. Run this
// after changing dependencies: it records them as optional entries, as a full registry would.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [key, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    if (pkgs[base] || pkgs[`node_modules/${name}`]) continue;
    const m = /^(\d+\.\d+\.\d+[^\s]*)$/.exec(range);
    if (!m) { console.log('skip range', name, range); continue; }
    const os = /darwin/.test(name) ? ['darwin'] : /win32/.test(name) ? ['win32'] : /freebsd/.test(name) ? ['freebsd'] : /android/.test(name) ? ['android'] : /wasm32|wasi/.test(name) ? undefined : undefined;
    pkgs[`node_modules/${name}`] = { version: m[1], optional: true, ...(os ? { os } : {}) };
    added++;
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
