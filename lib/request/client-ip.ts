import 'server-only';
import { headers } from 'next/headers';
import { CLIENT_IP_HEADER } from './client-ip-header';
import { normalizeIp } from './resolve-client-ip';

/** The caller's address as established by the custom server; null when not served through it. */
export async function getClientIp(): Promise<string | null> {
  return normalizeIp((await headers()).get(CLIENT_IP_HEADER));
}
