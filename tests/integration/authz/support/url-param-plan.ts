import { ACCOUNT_FILTER_PARAMS } from '@/lib/accounts/list-filters';
import { LIST_PARAMS } from './url-params';

// Which URL parameters hostile-input-url-params.test.ts fuzzes: every page's path and search parameters
// and every REST operation's `{path}` and `?query` parameters. The coverage test fails when the code
// reads one that is not here (or this names one that is gone); the test file fails when it cannot call
// one of these.

const list = LIST_PARAMS.map((key) => `?${key}`);
/** The account lists' filters (lib/accounts/list-filters.ts). */
const accountFilters = ACCOUNT_FILTER_PARAMS.map((key) => `?${key}`);
const apiList = ['?page', '?pageSize', '?q', '?sort', '?dir'];

export const URL_PARAM_PLAN: Record<string, readonly string[]> = {
  'app/(panel)/accounts/[id]/page.tsx': ['[id]', '?action'],
  'app/(panel)/accounts/page.tsx': [...list, ...accountFilters],
  'app/(panel)/admins/page.tsx': list,
  'app/(panel)/aliases/[id]/page.tsx': ['[id]'],
  'app/(panel)/aliases/page.tsx': list,
  'app/(panel)/audit/page.tsx': [...list, '?domain', '?actor'],
  'app/(panel)/domains/[id]/accounts/import/page.tsx': ['[id]'],
  'app/(panel)/domains/[id]/accounts/new/[draftId]/[step]/page.tsx': ['[id]', '[draftId]', '[step]'],
  'app/(panel)/domains/[id]/accounts/new/page.tsx': ['[id]'],
  'app/(panel)/domains/[id]/accounts/page.tsx': ['[id]', ...list, ...accountFilters, '?created', '?deleted'],
  'app/(panel)/domains/[id]/aliases/new/page.tsx': ['[id]'],
  'app/(panel)/domains/[id]/aliases/page.tsx': ['[id]', ...list],
  'app/(panel)/domains/[id]/page.tsx': ['[id]'],
  'app/(panel)/domains/[id]/dns/page.tsx': ['[id]'],
  'app/(panel)/domains/page.tsx': [...list, '?deleted'],
  'app/(panel)/jobs/page.tsx': list,
  'app/(panel)/plans/[id]/page.tsx': ['[id]'],
  'app/(panel)/plans/page.tsx': ['?created', '?deleted'],
  'app/(panel)/postmasters/[id]/page.tsx': ['[id]'],
  'app/(panel)/postmasters/page.tsx': list,
  'app/login/page.tsx': ['?setup', '?signedOut'],
  'app/login/reset/page.tsx': ['?token'],
  'app/setup/page.tsx': ['?token'],
  'api:activateDkimKey': ['{id}', '?algorithm'],
  'api:addAliasDomain': ['{id}'],
  'api:bulkAccounts': ['{id}'],
  'api:createAccount': ['{id}'],
  'api:createAlias': ['{id}'],
  'api:createDkimKey': ['{id}', '?algorithm'],
  'api:stopEd25519Signing': ['{id}'],
  'api:deactivateAccount': ['{id}'],
  'api:deactivateDomain': ['{id}'],
  'api:deleteAccount': ['{id}', '?confirmAddress'],
  'api:deleteAlias': ['{id}'],
  'api:deleteDomain': ['{id}', '?confirmName'],
  'api:exportAccounts': ['{id}'],
  'api:exportAliases': ['{id}'],
  'api:getAccount': ['{id}'],
  'api:getAlias': ['{id}'],
  'api:getDomain': ['{id}'],
  'api:getPlan': ['{id}'],
  'api:getPostmaster': ['{id}'],
  'api:importAccounts': ['{id}'],
  'api:importAliases': ['{id}'],
  'api:listAccounts': apiList,
  'api:listAliases': apiList,
  'api:listAudit': ['?page', '?pageSize', '?domain', '?actor'],
  'api:listDomainAccounts': ['{id}', ...apiList],
  'api:listAliasDomains': ['{id}'],
  'api:listDomainAliases': ['{id}', ...apiList],
  'api:listDomains': apiList,
  'api:listPostmasters': apiList,
  'api:reactivateAccount': ['{id}'],
  'api:removeAliasDomain': ['{id}'],
  'api:reactivateDomain': ['{id}'],
  'api:updateAccountAutoresponder': ['{id}'],
  'api:updateAccountGeneral': ['{id}'],
  'api:updateAccountMasterData': ['{id}'],
  'api:updateAccountSecurity': ['{id}'],
  'api:updateAccountWebmail': ['{id}'],
  'api:updateAlias': ['{id}'],
  'api:updateDomainSettings': ['{id}'],
  'api:updatePostmasterAutoresponder': ['{id}'],
  'api:updatePostmasterGeneral': ['{id}'],
  'api:updatePostmasterMasterData': ['{id}'],
  'api:updatePostmasterSecurity': ['{id}'],
  'api:updatePostmasterWebmail': ['{id}'],
};

/** The plan as parameter ids (`app/…/page.tsx?q`, `api:getDomain/{id}`), as url-params.ts names them. */
export function plannedUrlParams(): string[] {
  return Object.entries(URL_PARAM_PLAN)
    .flatMap(([endpoint, params]) => params.map((param) => `${endpoint}${param.startsWith('?') ? '' : '/'}${param}`))
    .sort();
}
