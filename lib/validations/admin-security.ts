import { z } from 'zod';
import './zod-messages';
import { allowedIpsSchema } from './mailbox-settings';

/** An admin's allowed IPs (the superadmin's dialog): the same list, rules and messages as an account's. */
export const adminAllowedIpsSchema = z.object(
  {
    id: z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(2_147_483_647, { error: 'validation.invalid' }),
    allowedIps: allowedIpsSchema,
  },
  { error: 'validation.invalid' },
);
export type AdminAllowedIpsInput = z.input<typeof adminAllowedIpsSchema>;

/** The panel-wide "every admin signs in with a code". */
export const adminOtpPolicySchema = z.object({ required: z.boolean({ error: 'validation.invalid' }) }, { error: 'validation.invalid' });
export type AdminOtpPolicyInput = z.input<typeof adminOtpPolicySchema>;
