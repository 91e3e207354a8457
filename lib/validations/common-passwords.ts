import popularPasswords from 'popular-passwords';

// The common-password list, on the server only: 41,622 passwords of 8 characters or more from the
// zxcvbn project's frequency lists (the npm package `popular-passwords`, MIT; data from
// github.com/dropbox/zxcvbn). Lower-case, so the check ignores case. The browser gets
// common-passwords.browser.ts instead (package.json "imports", condition "browser"): the list would add
// over 600 kB to every page with a password field, and the server checks every new password anyway —
// a common one is refused beside its field when the form is sent.

let list: ReadonlySet<string> | undefined;

/** Whether the password is on the list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  list ??= new Set(popularPasswords);
  return list.has(password.toLowerCase());
}

/** How many passwords the list holds (shown by the tests: at least 10,000). */
export function commonPasswordCount(): number {
  list ??= new Set(popularPasswords);
  return list.size;
}
