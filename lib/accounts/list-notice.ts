import 'server-only';
import { getDb } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { isFailure } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';
import { loadAccount } from './lifecycle/access';

/** What the account list says on arriving from the wizard (`?created=<id>`) or a deletion (`?deleted=<address>`). */
export type AccountListNotice = { kind: 'created'; id: number; address: string } | { kind: 'deleted'; address: string } | null;

const ROW_ID = /^[1-9][0-9]{0,9}$/;
// RFC 5321's limit, as the wizard's (not imported from its schema module: that would bring its messages here).
const LOCAL_PART_MAX = 64;
// A local part as the wizard accepts it (lower case, no spaces or markup), checked before anything is shown.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * The notice for the list of `domain`, from the query string, which anyone can write into a link:
 * `created` names an account only when the caller may read it (under its scope) and it is in this domain,
 * so a guessed id shows nothing about another domain; `deleted` is shown only when it is an address of
 * this domain, so a link cannot put arbitrary text on the page. Anything else: no notice.
 */
export async function accountListNotice({
  caller,
  domain,
  search,
}: {
  caller: Caller;
  domain: { id: number; name: string };
  search: Record<string, string | string[] | undefined>;
}): Promise<AccountListNotice> {
  const created = search.created;
  if (typeof created === 'string' && ROW_ID.test(created) && isRowId(Number(created))) {
    const row = await loadAccount({ ex: getDb(), caller, id: Number(created) }).catch((error: unknown) => {
      if (isFailure(error, 'notFound', 'forbidden')) return undefined;
      throw error;
    });
    if (row && row.domain.id === domain.id) return { kind: 'created', id: row.mailbox.id, address: displayAddress(row.mailbox.address) };
    return null;
  }
  const deleted = search.deleted;
  if (typeof deleted === 'string' && deleted.length <= LOCAL_PART_MAX + 1 + 253) {
    const at = deleted.lastIndexOf('@');
    const local = deleted.slice(0, at);
    const domainPart = deleted.slice(at + 1).toLowerCase();
    const shownDomain = displayDomain(domain.name);
    if (at > 0 && local.length <= LOCAL_PART_MAX && LOCAL_PART.test(local) && (domainPart === domain.name || domainPart === shownDomain)) {
      return { kind: 'deleted', address: `${local}@${shownDomain}` };
    }
  }
  return null;
}
