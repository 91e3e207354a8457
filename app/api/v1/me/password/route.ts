import { apiRoute } from '@/lib/api/handler';
import { changeMyPasswordOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { changeOwnPassword } from '@/lib/self-service/own-security';

// The panel's sessions end with the change (their version moves on); tokens are no sessions and stay valid.
export const PUT = apiRoute(changeMyPasswordOp, async ({ caller, ip, body }) => {
  unwrap(await changeOwnPassword({ caller, ip, input: body }));
});
