// The browser's stand-in for common-passwords.ts (package.json "imports", condition "browser"): the list
// stays on the server, which checks every new password; in the browser nothing is refused for it.

export function isCommonPassword(_password: string): boolean {
  return false;
}

export function commonPasswordCount(): number {
  return 0;
}
