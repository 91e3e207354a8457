import 'server-only';
import { headers } from 'next/headers';

/** The User-Agent of the request being served (a server action, or next-auth's own route). */
export async function requestUserAgent(): Promise<string | null> {
  return (await headers()).get('user-agent');
}
