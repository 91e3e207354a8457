import { Counter, Histogram } from 'prom-client';
import { processMetric } from './registry';

// The Postfix policy service (lib/policy/server.ts): what it answers and how long Postfix waits for it
// (every authenticated message waits on it at RCPT and at the end of data).

export type PolicyDecision = 'allowed' | 'deferred' | 'refused' | 'failed';

export const policyDecisions = () =>
  processMetric(
    'policy_decisions',
    (registry) =>
      new Counter({
        name: 'mailpanel_policy_decisions_total',
        help: "Policy-service answers: allowed (DUNNO), deferred (daily sending limit reached), refused (a message over its plan's size limit, or a distribution list that does not take mail from the sender), failed (the check could not run; deferred, try again later).",
        labelNames: ['decision'],
        registers: [registry],
      }),
  );

export const policyDuration = () =>
  processMetric(
    'policy_duration',
    (registry) =>
      new Histogram({
        name: 'mailpanel_policy_decision_duration_seconds',
        help: 'Time the policy service took to answer one request, by decision.',
        labelNames: ['decision'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
      }),
  );

export function observePolicyDecision(decision: PolicyDecision, seconds: number): void {
  policyDecisions().inc({ decision });
  policyDuration().observe({ decision }, seconds);
}

/** Makes the families exist, at 0, before the first answer (in the policy service's process). */
export function registerPolicyMetrics(): void {
  for (const decision of ['allowed', 'deferred', 'refused', 'failed'] as const) {
    policyDecisions().inc({ decision }, 0);
    policyDuration().zero({ decision });
  }
}
