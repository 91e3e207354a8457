import net from 'node:net';
import { componentLogger } from '@/lib/ops/log/logger';
import { observePolicyDecision, type PolicyDecision } from '@/lib/ops/metrics/policy';
import { decide, DUNNO, type SendingStore } from './decide';
import { MessageSizeTracker } from './message-size';
import { formatPolicyReply, PolicyRequestReader, type PolicyRequest } from './protocol';

// Postfix holds a policy connection open between messages (smtpd_policy_service_max_idle, 300 s).
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

export const TEMPORARY_FAILURE = 'DEFER_IF_PERMIT Temporary failure of the sending checks, try again later';

/** The part of a pino logger the policy server uses (tests pass their own). */
export type PolicyLogger = { error(fields: { err: unknown }, message: string): void };

/**
 * The policy server: one connection per Postfix process, requests answered in order. When the database
 * cannot answer, the message is deferred (never let through uncounted, nor past a list's sender rule).
 */
export function createPolicyServer({ store, logger = componentLogger('policy') }: { store: SendingStore; logger?: PolicyLogger }): net.Server {
  return net.createServer((socket) => {
    socket.setEncoding('utf8');
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    const reader = new PolicyRequestReader();
    // The current message's size limit: one per connection, as one Postfix process handles one message at a time.
    const tracker = new MessageSizeTracker();
    let queue = Promise.resolve();
    const answer = async (request: PolicyRequest) => {
      const started = performance.now();
      let action: string;
      let decision: PolicyDecision;
      try {
        action = await decide(request, store, tracker);
        decision = action === DUNNO ? 'allowed' : action.startsWith('DEFER') ? 'deferred' : 'refused';
      } catch (error) {
        logger.error({ err: error }, 'the policy check failed: deferred');
        action = TEMPORARY_FAILURE;
        decision = 'failed';
      }
      observePolicyDecision(decision, (performance.now() - started) / 1000);
      if (!socket.destroyed) socket.write(formatPolicyReply(action));
    };
    socket.on('data', (chunk: string) => {
      let requests: PolicyRequest[];
      try {
        requests = reader.push(chunk);
      } catch (error) {
        logger.error({ err: error }, 'unreadable policy request: connection closed');
        socket.destroy();
        return;
      }
      for (const request of requests) queue = queue.then(() => answer(request));
    });
    socket.on('error', () => socket.destroy());
  });
}
