import { BENCH_ADMIN, BENCH_PASSWORD } from './seed';

/** next-auth's credentials sign-in, as a browser does it: the session cookie for wrk's requests. */
export async function signIn(baseURL: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const body = new URLSearchParams({ identifier: BENCH_ADMIN, password: BENCH_PASSWORD, csrfToken, json: 'true' });
  const response = await fetch(`${baseURL}/api/auth/callback/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body,
    redirect: 'manual',
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.endsWith('next-auth.session-token'))) throw new Error(`sign-in failed on ${baseURL} (HTTP ${response.status})`);
  return header();
}
