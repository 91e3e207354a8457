import { z } from 'zod';
import { USER_DETAIL_FIELDS } from '@/lib/mail/services';
import { dateTime, id, servicesOut } from './common';

export const planOut = z.object({
  id,
  name: z.string(),
  services: servicesOut.meta({ description: 'Services a domain on this plan may enable.' }),
  storageOptionsBytes: z.array(z.number().int().positive()),
  domainStorageBytes: z.number().int().positive(),
  maxAccounts: z.number().int().nonnegative(),
  defaultDailySendLimit: z.number().int().nonnegative(),
  maxDailySendLimit: z.number().int().nonnegative(),
  allowSpamToInbox: z.boolean(),
  maxMessageBytes: z.number().int().positive().meta({ description: 'The largest message (bytes) an account of a domain on this plan receives or sends.' }),
  userDetailFields: z.array(z.enum(USER_DETAIL_FIELDS)),
  domainCount: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const planListOut = z.object({ rows: z.array(planOut) });

export const auditRowOut = z.object({
  id: z.number().int().positive(),
  at: dateTime,
  actorLabel: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetLabel: z.string(),
  domainName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditPageOut = z.object({
  rows: z.array(auditRowOut),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});

