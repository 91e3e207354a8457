// A whole-number setting of the server's environment, refused at start-up with the variable's name when it
// is anything else: a typo in a unit file must stop the server, not quietly run it with another value.

/** The setting's value, or undefined when it is unset or blank; throws when it is not a whole number in [min, max]. */
export function wholeNumberSetting(env: Record<string, string | undefined>, name: string, { min, max }: { min: number; max: number }): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return Number(raw);
}
