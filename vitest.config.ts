import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const integrationFiles = ['tests/integration/**/*.test.ts'];

function integrationProject(driver: 'embedded' | 'postgres'): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: `integration-${driver}`,
      include: integrationFiles,
      environment: 'node',
      // Read by tests/integration/helpers/db.ts.
      env: { MAILPANEL_TEST_DRIVER: driver },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/tests/stubs/server-only.ts` },
    ],
  },
  test: {
    // bcrypt's production cost makes each hash take ~250 ms; tests check behaviour, not cost.
    env: { BCRYPT_COST: '4', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    // Each integration file opens its own database; two at a time keeps a small machine responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', '{lib,components,db,app}/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', 'tests/integration/**', 'tests/e2e/**'],
        },
      },
      integrationProject('embedded'),
      ...(process.env.TEST_DATABASE_URL ? [integrationProject('postgres')] : []),
      // Real Dovecot and Postfix on loopback (tests/mail/global-setup.ts): root, the Debian packages and
      // TEST_DATABASE_URL needed; `npm test` turns it on when they are there (scripts/with-mail-tests.ts).
      ...(process.env.MAILPANEL_MAIL_TESTS === '1'
        ? [
            {
              extends: true,
              test: {
                name: 'mail',
                include: ['tests/mail/**/*.test.ts'],
                environment: 'node',
                globalSetup: ['tests/mail/global-setup.ts'],
                // One set of servers for the whole project: its files take turns.
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            } satisfies TestProjectInlineConfiguration,
          ]
        : []),
    ],
  },
});
