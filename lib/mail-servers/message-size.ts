import { MB } from '@/lib/mail/services';
import { MAX_MESSAGE_MB } from '@/lib/validations/plan-constants';
import type { TemplateValues } from './template';

// Postfix's message_size_limit is one for the server: it is set to the largest limit a plan may have, and
// each plan's own limit is enforced by the policy service per recipient domain (lib/policy/message-size.ts).

export const MESSAGE_SIZE_CEILING_BYTES = MAX_MESSAGE_MB * MB;

export function messageSizeValues(): TemplateValues {
  return { messageSizeLimit: MESSAGE_SIZE_CEILING_BYTES };
}
