'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';
import { retryJob } from '@/lib/jobs/retry-job';

export async function retryJobAction(id: number): Promise<ActionResult<{ id: number }>> {
  return runAction(async () => {
    const result = await retryJob({ ...(await actionContext({ permission: 'jobs:retry' })), id });
    // The job's account leaves "failed" for "waiting": the lists show it too.
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
