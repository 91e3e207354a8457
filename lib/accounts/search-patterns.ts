import { domainToASCII } from 'node:url';
import { likePattern } from '@/lib/pagination';

/**
 * LIKE patterns for the account search over `search_text` (address, first and last name, description).
 * The database lower-cases both sides (the same lower() on each), so case never matters. Addresses are
 * stored with the domain in ASCII (punycode), so a term typed with a Unicode domain ("anna@bücher.de",
 * "bücher") also looks for its ASCII form; names keep their letters.
 */
export function accountSearchPatterns(query: string): string[] {
  const term = query.trim();
  if (!term) return [];
  const terms = new Set([term]);
  if (/[^\x00-\x7f]/.test(term)) {
    const at = term.lastIndexOf('@');
    const domainPart = at >= 0 ? term.slice(at + 1) : term;
    const ascii = domainPart && !/\s/.test(domainPart) ? domainToASCII(domainPart) : '';
    if (ascii && ascii !== domainPart) terms.add(at >= 0 ? `${term.slice(0, at + 1)}${ascii}` : ascii);
  }
  return [...terms].map(likePattern);
}
