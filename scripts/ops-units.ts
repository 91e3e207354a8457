import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPath, checkUser, DEFAULT_OPS_SETTINGS, renderOpsUnits, type OpsSettings } from '@/lib/ops/units';

const d = DEFAULT_OPS_SETTINGS;
const USAGE = `Usage: npm run ops:units -- [options]
Renders systemd units for the panel, the job worker and the policy service, and logrotate rules for the mail
servers' logs (docs/operations.md).
  --out DIR              where the files go (default ./ops): systemd/*.service, logrotate/mailpanel-mail
  --user NAME            the services' dedicated system user and group (default ${d.user})
  --workdir DIR          the built checkout (default: this one)
  --env-file FILE        the services' environment file (default ${d.envFile})
  --data-dir DIR         DATA_DIR, the one directory the panel writes (default: $DATA_DIR or ${d.dataDir})
  --mail-config-dir DIR  what npm run mail:config wrote to (its --out; default ${d.mailConfigDir})
  --mail-log-dir DIR     its --log-dir (default ${d.mailLogDir})
  --mail-state-dir DIR   its --state-dir (default ${d.mailStateDir})
  --mail-root DIR        its --mail-root (default ${d.mailRoot})
  --dkim-key-dir DIR     its --dkim-key-dir, where the worker writes DKIM keys (default: $DKIM_KEY_DIR or ${d.dkimKeyDir})`;

function die(message: string): never {
  console.error(message);
  process.exit(2);
}

function main() {
  // package.json runs `tsx scripts/ops-units.ts --`: without that "--", tsx takes --env-file for Node's own
  // option (and fails on the file); with it, the options arrive here behind a "--" to drop.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      out: { type: 'string' },
      user: { type: 'string' },
      workdir: { type: 'string' },
      'env-file': { type: 'string' },
      'data-dir': { type: 'string' },
      'mail-config-dir': { type: 'string' },
      'mail-log-dir': { type: 'string' },
      'mail-state-dir': { type: 'string' },
      'mail-root': { type: 'string' },
      'dkim-key-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const absolute = (name: keyof typeof values, fallback: string) => checkPath(`--${name}`, path.resolve((values[name] as string | undefined) ?? fallback));
  let settings: OpsSettings;
  try {
    settings = {
      user: checkUser(values.user ?? d.user),
      workdir: absolute('workdir', process.cwd()),
      envFile: absolute('env-file', d.envFile),
      dataDir: absolute('data-dir', process.env.DATA_DIR ?? d.dataDir),
      mailConfigDir: absolute('mail-config-dir', d.mailConfigDir),
      mailLogDir: absolute('mail-log-dir', d.mailLogDir),
      mailStateDir: absolute('mail-state-dir', d.mailStateDir),
      mailRoot: absolute('mail-root', d.mailRoot),
      dkimKeyDir: absolute('dkim-key-dir', process.env.DKIM_KEY_DIR ?? d.dkimKeyDir),
    };
  } catch (error) {
    die(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const out = path.resolve(values.out ?? 'ops');
  for (const file of renderOpsUnits(settings)) {
    const target = path.join(out, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, file.content, { mode: 0o644 });
    console.log(`Wrote ${target}`);
  }
  console.log(`Install them (as root) with:
  useradd --system --home-dir ${settings.dataDir} --shell /usr/sbin/nologin ${settings.user}
  install -d -o ${settings.user} -g ${settings.user} -m 0700 ${settings.dataDir}
  install -m 0644 ${out}/systemd/*.service /etc/systemd/system/
  install -m 0644 ${out}/logrotate/mailpanel-mail /etc/logrotate.d/
  systemctl daemon-reload && systemctl enable --now mailpanel.service
On the mail host, give the worker the DKIM key folder (render mail:config with --dkim-key-owner ${settings.user}
--dkim-key-dir ${settings.dkimKeyDir}) and let systemd reload rspamd when it changes what it signs twice:
  install -m 0644 ${out}/systemd/mailpanel-rspamd-reload.* /etc/systemd/system/
  systemctl daemon-reload && systemctl enable --now mailpanel-rspamd-reload.path`);
}

main();
