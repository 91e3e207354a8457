// Liveness: the process answers. Public (proxy.ts lets it through) and touches nothing else, so a database
// outage never makes a supervisor restart a healthy server; readiness is /readyz.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
