// The two calls the panel makes to next-auth's endpoints, without next-auth/react (41 KiB on every page
// for a session provider the panel does not use: pages read the session on the server).
// Same requests as next-auth/react's signIn/signOut: a CSRF token, then a form POST asking for JSON.

const AUTH_BASE = '/api/auth';

async function csrfToken(): Promise<string> {
  const response = await fetch(`${AUTH_BASE}/csrf`, { cache: 'no-store' });
  const { csrfToken: token } = (await response.json()) as { csrfToken: string };
  return token;
}

async function post(path: string, fields: Record<string, string>): Promise<{ response: Response; url: string }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: 'true' });
  const response = await fetch(`${AUTH_BASE}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  const { url } = (await response.json()) as { url: string };
  return { response, url };
}

/** Signs in with the credentials provider; `error` is what authorize() threw (lib/auth/sign-in-errors.ts). */
export async function signInWithPassword(fields: Record<string, string>): Promise<{ ok: boolean; error: string | null }> {
  const { response, url } = await post('callback/password', fields);
  const error = new URL(url, window.location.href).searchParams.get('error');
  return { ok: response.ok && !error, error };
}

/** Ends the session and goes to `to` (a full load, so nothing of the signed-in pages stays in memory). */
export async function signOutTo(to: string): Promise<void> {
  await post('signout', {});
  window.location.assign(to);
}
