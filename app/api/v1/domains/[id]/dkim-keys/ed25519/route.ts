import { apiRoute } from '@/lib/api/handler';
import { stopEd25519SigningOp } from '@/lib/api/operations/dkim';
import { unwrap } from '@/lib/api/result';
import { stopEd25519Signing } from '@/lib/dkim/dkim-keys';

export const DELETE = apiRoute(stopEd25519SigningOp, async ({ caller, ip, params }) => unwrap(await stopEd25519Signing({ caller, ip, id: params.id })));
