// The route a request log line names: the path alone — a query string may carry a secret (the setup
// link's token, a reset token) — with ids and anything token-like replaced, so that lines group by route.
const MAX_ROUTE = 200;

export function routeOf(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const route = path
    .split('/')
    .map((segment) => {
      if (/^[0-9]+$/.test(segment)) return ':id';
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return ':id';
      // Long runs of a token alphabet with a digit (not a word like "authentication"): a token or key.
      if (segment.length >= 20 && /[0-9]/.test(segment) && /^[A-Za-z0-9._~%-]+$/.test(segment)) return ':token';
      return segment;
    })
    .join('/');
  return route.length > MAX_ROUTE ? `${route.slice(0, MAX_ROUTE)}…` : route || '/';
}
