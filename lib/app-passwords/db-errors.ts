// The database errors that mean one of the app-password rules held (migrations 0006/0007).

function constraintOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const constraint = (e as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}

export function isAppPasswordLimit(error: unknown): boolean {
  return constraintOf(error) === 'app_passwords_max';
}

export function isAppPasswordNameTaken(error: unknown): boolean {
  return constraintOf(error) === 'app_passwords_live_name_key';
}
