import { checkReadiness } from '@/lib/health/readiness';

// Readiness for load balancers and monitoring: 200 when every check passes, else 503. Public (proxy.ts
// lets it through): the answer is each check's ok/fail and nothing else (lib/health/readiness.ts).
export const dynamic = 'force-dynamic';

export async function GET() {
  const { ready, checks } = await checkReadiness();
  return Response.json({ status: ready ? 'ready' : 'not ready', checks }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
