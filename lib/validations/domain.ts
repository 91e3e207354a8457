import { z } from 'zod';
import './zod-messages';
import { parseDomainName } from '@/lib/domains/domain-name';
import { SERVICES } from '@/lib/mail/services';
import { ROW_ID_MAX } from './common';

const id = z.coerce.number({ error: 'validation.required' }).int().positive({ error: 'validation.required' }).max(ROW_ID_MAX, { error: 'validation.required' });

export const domainNameSchema = z.string({ error: 'domains.errors.empty' }).transform((value, ctx) => {
  const parsed = parseDomainName(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.ascii;
});

export const addDomainSchema = z.object({
  name: domainNameSchema,
  planId: id,
  // Only the superadmin picks an owner; an admin always owns what it adds.
  adminId: id.optional(),
});
export type AddDomainInput = z.input<typeof addDomainSchema>;

export const domainSettingsSchema = z.object({
  version: z.coerce.number().int().positive().max(ROW_ID_MAX),
  services: z.object(Object.fromEntries(SERVICES.map((s) => [s, z.boolean()])) as Record<(typeof SERVICES)[number], z.ZodBoolean>),
  defaultStorageBytes: z.coerce.number().int().positive().nullable(),
  pmCanCreate: z.boolean(),
  pmCanDelete: z.boolean(),
  pmCanToggle: z.boolean(),
  pmCanChangeLimits: z.boolean(),
  // Left out (as by clients older than aliases): unchanged.
  pmCanManageAliases: z.boolean().optional(),
});
export type DomainSettingsInput = z.input<typeof domainSettingsSchema>;

export const deleteDomainSchema = z.object({ confirmName: z.string().trim().min(1, { error: 'domains.errors.confirmMismatch' }).max(300) });
