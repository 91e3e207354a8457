import fs from 'node:fs/promises';

// rspamd reads the selector map by itself, but the domains that sign twice (render-keys.ts, DOMAINS_INCLUDE) only
// when it reloads its configuration, on SIGHUP to its main process. A worker running as root sends it; one that
// is not (the systemd unit of `npm run ops:units`) cannot signal root's process, and the rendered
// mailpanel-rspamd-reload.path unit does it instead when the include changes (docs/mail-servers.md).

export type SignerReload = 'reloaded' | 'noPidFile' | 'notRunning' | 'leftToSystemd';

export async function reloadSigner(env: Record<string, string | undefined> = process.env): Promise<SignerReload> {
  const pidFile = env.RSPAMD_PID_FILE?.trim();
  if (!pidFile) return 'noPidFile';
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (error) {
    // rspamd's state folder is its own: a worker that is not root cannot even read the pid.
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'leftToSystemd' : 'notRunning';
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 1) return 'notRunning';
  try {
    process.kill(pid, 'SIGHUP');
    return 'reloaded';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return 'notRunning';
    if (code === 'EPERM') return 'leftToSystemd';
    throw error;
  }
}
