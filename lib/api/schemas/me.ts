import { z } from 'zod';
import { LANGUAGES } from '@/lib/mail/services';
import { DATE_FORMATS, TIME_FORMATS } from '@/lib/validations/mailbox-settings';

// The token owner's own settings (GET /me). Admins have only the panel's localization.

const localization = z.object({ language: z.enum(LANGUAGES), timeZone: z.string() });

export const meOut = z.object({
  kind: z.enum(['admin', 'mailbox']),
  role: z.enum(['superadmin', 'admin', 'postmaster', 'user']),
  address: z.string(),
  version: z.number().int().positive().meta({ description: 'Send it with every PUT under /me (409 when someone saved since).' }),
  localization,
  webmail: z
    .object({ language: z.enum(LANGUAGES), timeZone: z.string(), dateFormat: z.enum(DATE_FORMATS), timeFormat: z.enum(TIME_FORMATS) })
    .optional()
    .meta({ description: 'Mailboxes only.' }),
  autoresponder: z
    .object({ enabled: z.boolean(), subject: z.string(), body: z.string(), startsAt: z.string(), endsAt: z.string() })
    .optional()
    .meta({ description: 'Mailboxes only. From / until in the account’s time zone (YYYY-MM-DDTHH:mm), or empty.' }),
  forwards: z.object({ forwards: z.array(z.string()), forwardKeepCopy: z.boolean() }).optional().meta({ description: 'Mailboxes only.' }),
  passwordChangeDisabled: z.boolean().optional(),
  otpEnabled: z.boolean().optional(),
});
