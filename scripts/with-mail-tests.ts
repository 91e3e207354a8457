import { spawn } from 'node:child_process';
import { mailServersInstalled } from '@/lib/mail-servers/installed';

// `npm test` runs vitest through this: the `mail` project (real Dovecot and Postfix, tests/mail) is
// included when this machine can run it (the Debian packages, root, TEST_DATABASE_URL), or always when
// MAILPANEL_MAIL_TESTS=1 (CI sets it after installing the packages, so missing servers fail instead of
// being skipped). MAILPANEL_MAIL_TESTS=0 leaves it out.

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: tsx scripts/with-mail-tests.ts COMMAND [ARGS...]');
  process.exit(2);
}

const env = { ...process.env };
if (env.MAILPANEL_MAIL_TESTS !== '1' && env.MAILPANEL_MAIL_TESTS !== '0') {
  const missing = [
    !mailServersInstalled() && 'Dovecot/Postfix packages',
    process.getuid?.() !== 0 && 'root',
    !env.TEST_DATABASE_URL && 'TEST_DATABASE_URL',
  ].filter(Boolean);
  if (missing.length === 0) {
    env.MAILPANEL_MAIL_TESTS = '1';
  } else {
    console.log(`[test] mail-server tests (tests/mail) skipped here: no ${missing.join(', no ')}. See docs/mail-servers.md.`);
  }
}

const child = spawn(command, args, { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
