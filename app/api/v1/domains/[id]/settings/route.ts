import { apiRoute } from '@/lib/api/handler';
import { updateDomainSettingsOp } from '@/lib/api/operations/domains';
import { unwrap } from '@/lib/api/result';
import { updateDomainSettings } from '@/lib/domains/update-domain';

export const PUT = apiRoute(updateDomainSettingsOp, async ({ caller, ip, params, body }) => unwrap(await updateDomainSettings({ caller, ip, id: params.id, input: body })));
