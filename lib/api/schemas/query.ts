import { z } from 'zod';
import { paramText } from '@/lib/validations/url-params';

// Path and query parameters. A path id that is not one answers 404 (like a row out of reach); a query
// parameter that does not parse answers 422, naming it. Every text parameter starts from paramText
// (lib/validations/url-params.ts): a NUL or a lone surrogate is refused before any query sees it.

const INT_MAX = 2_147_483_647;
const invalid = { error: 'validation.invalid' } as const;

/** `{id}` in a path: a positive 32-bit integer, written in digits. */
export const idParams = z.object({
  id: paramText()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .refine((n) => n <= INT_MAX)
    .meta({ description: 'The numeric id.' }),
});

/** page, pageSize, q, sort and dir, as every list takes them. */
export function listQuery<S extends string>(sorts: readonly [S, ...S[]], defaultSort: S) {
  return z.object({
    page: z.coerce.number(invalid).int(invalid).min(1, invalid).max(1_000_000, invalid).default(1).meta({ description: 'The page, from 1.' }),
    pageSize: z.coerce.number(invalid).int(invalid).min(1, invalid).max(100, invalid).default(25).meta({ description: 'Rows per page (at most 100).' }),
    q: paramText().trim().max(200, invalid).default('').meta({ description: 'Search text.' }),
    sort: z.enum(sorts, invalid).default(defaultSort).meta({ description: 'The column to sort by.' }),
    dir: z.enum(['asc', 'desc'], invalid).default('asc').meta({ description: 'Sort direction.' }),
  });
}

export const auditQuery = z.object({
  page: z.coerce.number(invalid).int(invalid).min(1, invalid).max(1_000_000, invalid).default(1).meta({ description: 'The page, from 1.' }),
  pageSize: z.coerce.number(invalid).int(invalid).min(1, invalid).max(100, invalid).default(50).meta({ description: 'Rows per page (at most 100).' }),
  domain: paramText().trim().max(253, invalid).default('').meta({ description: 'Only rows about this domain (its exact name).' }),
  actor: paramText().trim().max(254, invalid).default('').meta({ description: 'Only rows by actors whose name contains this.' }),
});

/** The typed confirmation a deletion asks for, as the panel's confirmation field. */
export function confirmQuery<K extends string>(name: K, description: string) {
  return z.object({ [name]: paramText().max(400, invalid).meta({ description }) } as Record<K, z.ZodString>);
}
