// Shared by the browser and the server: no Node-only imports here.
export const PASSWORD_MIN_CHARS = 12;
// bcrypt ignores everything past 72 bytes: longer passwords are refused, never silently truncated.
export const PASSWORD_MAX_BYTES = 72;

export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}
