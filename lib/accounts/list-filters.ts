import { z } from 'zod';
import type { AccountFilters } from '@/db/queries/accounts';
import { SERVICES } from '@/db/schema/services';
import { paramText, readSearchParam } from '@/lib/validations/url-params';
import { ACCOUNT_STATUSES, IDLE_DAYS_MAX } from './list-filter-choices';

// The account list's filters as they are written in its URL (shareable, kept by the pager, the sort headers
// and the search form). Read here for the pages; the criteria they become are db/queries/accounts.ts's
// AccountFilters. A value that cannot be used is dropped and named in `refused`: the page says so and lists
// the rest, never a 500.

export const ACCOUNT_FILTER_PARAMS = ['status', 'full', 'never', 'idle', 'otp', 'fwd', 'svc'] as const;
export type AccountFilterParam = (typeof ACCOUNT_FILTER_PARAMS)[number];

export const SERVICE_FILTERS = SERVICES.flatMap((name) => [`${name}-on`, `${name}-off`] as const);

// Built once (a zod schema costs more to build than to run).
const schemas = {
  status: paramText().pipe(z.enum(ACCOUNT_STATUSES)),
  full: paramText().pipe(z.literal('1')),
  never: paramText().pipe(z.literal('1')),
  idle: paramText().regex(/^[1-9][0-9]{0,3}$/).transform(Number).pipe(z.number().max(IDLE_DAYS_MAX)),
  otp: paramText().pipe(z.enum(['on', 'off'])),
  fwd: paramText().pipe(z.literal('on')),
  svc: paramText().pipe(z.enum(SERVICE_FILTERS)),
} satisfies Record<AccountFilterParam, z.ZodType>;

type Params = Record<string, string | string[] | undefined>;

/** The URL's filters: what could be used, and the parameters that could not (empty values count as absent). */
export function parseAccountFilters(params: Params): { filters: AccountFilters; refused: AccountFilterParam[] } {
  const refused: AccountFilterParam[] = [];
  const read = <K extends AccountFilterParam>(key: K): z.infer<(typeof schemas)[K]> | undefined => {
    const raw = params[key];
    if (raw === '' || (Array.isArray(raw) && raw[0] === '')) return undefined;
    const { value, refused: bad } = readSearchParam(params, key, schemas[key] as unknown as z.ZodType<z.infer<(typeof schemas)[K]>>, undefined);
    if (bad) refused.push(key);
    return value;
  };
  const filters: AccountFilters = {};
  const status = read('status');
  if (status) filters.status = status;
  if (read('full')) filters.full = true;
  if (read('never')) filters.neverSignedIn = true;
  const idle = read('idle');
  if (idle !== undefined) filters.idleDays = idle;
  const otp = read('otp');
  if (otp) filters.otp = otp === 'on';
  if (read('fwd')) filters.forwarding = true;
  const svc = read('svc');
  if (svc) {
    const [name, state] = svc.split('-') as [(typeof SERVICES)[number], string];
    filters.service = { name, on: state === 'on' };
  }
  return { filters, refused };
}

/** The filters as URL parameters (what links keep), in ACCOUNT_FILTER_PARAMS order. */
export function accountFilterParams(filters: AccountFilters): Partial<Record<AccountFilterParam, string>> {
  const out: Partial<Record<AccountFilterParam, string>> = {};
  if (filters.status) out.status = filters.status;
  if (filters.full) out.full = '1';
  if (filters.neverSignedIn) out.never = '1';
  if (filters.idleDays !== undefined) out.idle = String(filters.idleDays);
  if (filters.otp !== undefined) out.otp = filters.otp ? 'on' : 'off';
  if (filters.forwarding) out.fwd = 'on';
  if (filters.service) out.svc = `${filters.service.name}-${filters.service.on ? 'on' : 'off'}`;
  return out;
}
