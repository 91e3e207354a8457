import { publicApiRoute } from '@/lib/api/handler';
import { getOpenApiDocumentOp } from '@/lib/api/operations/other';
import { openApiDocument } from '@/lib/api/registry';

export const GET = publicApiRoute(getOpenApiDocumentOp, async () => openApiDocument());
