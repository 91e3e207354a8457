/**
 * A request from a page of this same site: the browser says so (Sec-Fetch-Site), or, from a browser too
 * old to say, its Origin is this host (or the host a trusted proxy forwarded). Anything else — another
 * site, a form posted from elsewhere, a request with neither header — is not.
 */
export function fromSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return [request.headers.get('x-forwarded-host'), request.headers.get('host')].some((candidate) => candidate !== null && candidate === host);
}
