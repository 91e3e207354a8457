import { z } from 'zod';
import { SERVICES, type Service } from '@/lib/mail/services';

// Building blocks of the response schemas. Responses are plain JSON: instants as RFC 3339 strings (UTC),
// sizes in bytes.

export const dateTime = z.iso.datetime();
export const id = z.number().int().positive();

export const servicesOut = z.object(Object.fromEntries(SERVICES.map((s) => [s, z.boolean()])) as Record<Service, z.ZodBoolean>);

/** One page of a list. */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({
    rows: z.array(row),
    total: z.number().int().nonnegative().meta({ description: 'How many rows match, over all pages.' }),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
  });
}

/** The version a settings save returns: send it with the next save (optimistic locking, 409 when stale). */
export const versionOut = z.object({ version: z.number().int().positive() });
