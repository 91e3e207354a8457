'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/errors';
import { getClientIp } from '@/lib/request/client-ip';
import { createSuperadmin } from '@/lib/setup/create-superadmin';

export async function createSuperadminAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => createSuperadmin(input, await getClientIp()));
}
