import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layers (app → components → lib → db, never back) are enforced by `npm run lint` through
// import/no-restricted-paths in eslint.config.mjs. These virtual files run through the project's own
// configuration; the type-aware parts are switched off because the files exist on no disk.

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = 'import/no-restricted-paths';

let eslint: ESLint;

// Loading the configuration and the resolver is slow the first time: warm up once.
beforeAll(async () => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.{ts,tsx}'],
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  await ruleIds('lib/x.ts', "export { getDb } from '@/db';");
}, 120_000);

async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('the layer rule', { timeout: 30_000 }, () => {
  it.each([
    ['lib → app', 'lib/x.ts', "export { revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';"],
    ['lib → components', 'lib/x.ts', "export { Card } from '@/components/ui/card';"],
    ['db → lib', 'db/x.ts', "export { formatBytes } from '@/lib/format';"],
    ['db/queries → lib', 'db/queries/x.ts', "import { formatBytes } from '@/lib/format';\nexport const f = formatBytes;"],
    ['db → components', 'db/x.ts', "export { Card } from '@/components/ui/card';"],
    ['components → app', 'components/x.tsx', "export { revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';"],
    ['lib → app, relative', 'lib/x.ts', "export { revokeAccountAppPasswordAction } from '../app/(panel)/app-password-actions';"],
  ])('fails %s', async (_name, filePath, code) => {
    expect(await ruleIds(filePath, code)).toContain(RULE);
  });

  it.each([
    ['lib → db', 'lib/x.ts', "export { getDb } from '@/db';"],
    ['lib → lib', 'lib/x.ts', "export { formatBytes } from '@/lib/format';"],
    ['components → lib', 'components/x.tsx', "export { formatBytes } from '@/lib/format';"],
    ['app → components', 'app/x.tsx', "export { Card } from '@/components/ui/card';"],
    ['db → db', 'db/queries/x.ts', "export { SERVICES } from '@/db/schema/services';"],
    ['scripts → lib', 'scripts/x.ts', "export { formatBytes } from '@/lib/format';"],
    ['tests → app', 'tests/x.ts', "export { revokeAccountAppPasswordAction } from '@/app/(panel)/app-password-actions';"],
  ])('allows %s', async (_name, filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([]);
  });
});
