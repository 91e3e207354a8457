import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm start`: build the production bundle when it is missing or older than the sources, then serve.
const root = process.cwd();
const SOURCES = ['app', 'components', 'lib', 'db', 'next.config.js', 'package-lock.json', 'postcss.config.mjs', 'proxy.ts'];

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  const id = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.every((entry) => newestMtime(entry) <= built);
}

if (!buildIsCurrent()) {
  console.log('Building mailpanel for production (once per change of the sources)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// React and Next pick their production builds from NODE_ENV when first loaded.
(process.env as Record<string, string>).NODE_ENV = 'production';
void import('../server');
