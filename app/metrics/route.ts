import { metricsResponse } from '@/lib/ops/metrics/endpoint';
import { registerPanelMetrics } from '@/lib/ops/metrics/panel';

// Prometheus metrics: 404 unless METRICS_TOKEN is set, then 401 without `Authorization: Bearer <it>`
// (lib/ops/metrics/endpoint.ts). No session: proxy.ts lets the path through, the token decides.
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  registerPanelMetrics();
  return metricsResponse(request.headers.get('authorization'));
}
