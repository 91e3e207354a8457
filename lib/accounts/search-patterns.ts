import { domainToASCII } from 'node:url';
import { likePattern } from '@/lib/pagination';

/** Below this many characters a term has no trigram of its own to look up (pg_trgm's are three long). */
export const SHORT_SEARCH_CHARS = 3;

/**
 * LIKE patterns for the account search over `search_text` (address, first and last name, description).
 * The database lower-cases both sides (the same lower() on each), so case never matters. Addresses are
 * stored with the domain in ASCII (punycode), so a term typed with a Unicode domain ("anna@bücher.de",
 * "bücher") also looks for its ASCII form; names keep their letters.
 *
 * A term of one or two characters matches from the start of the address or of a word of the name or
 * description ("ma": mario.rossi@…, Anna Maria, Mancini; not Emma), not anywhere: anywhere matches most
 * accounts and can only be found by reading them all, while the start of a word is a trigram the index
 * holds (pg_trgm pads each word: "  m", " ma"), so `search_text` keeps one index for every search.
 */
export function accountSearchPatterns(query: string): string[] {
  const term = query.trim();
  if (!term) return [];
  if ([...term].length < SHORT_SEARCH_CHARS) {
    const escaped = likePattern(term).slice(1, -1);
    return [`${escaped}%`, `% ${escaped}%`];
  }
  const terms = new Set([term]);
  if (/[^\x00-\x7f]/.test(term)) {
    const at = term.lastIndexOf('@');
    const domainPart = at >= 0 ? term.slice(at + 1) : term;
    const ascii = domainPart && !/\s/.test(domainPart) ? domainToASCII(domainPart) : '';
    if (ascii && ascii !== domainPart) terms.add(at >= 0 ? `${term.slice(0, at + 1)}${ascii}` : ascii);
  }
  return [...terms].map(likePattern);
}
