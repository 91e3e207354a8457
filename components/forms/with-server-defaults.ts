import type { FieldPath, FieldValues, UseFormRegister, UseFormRegisterReturn } from 'react-hook-form';

function valueAt(values: unknown, name: string): unknown {
  return name.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
}

/**
 * The form library's register, with each field's starting value also rendered by the server
 * (defaultValue, defaultChecked for a yes/no): the fields are usable before the page's JavaScript
 * arrives (issue 23, 15), so they must show what is saved, not blanks, until then. Not for radio groups
 * (one name, several values).
 */
export function withServerDefaults<T extends FieldValues>(register: UseFormRegister<T>, defaults: unknown): UseFormRegister<T> {
  return ((name: FieldPath<T>, options?: Parameters<UseFormRegister<T>>[1]) => {
    const field: UseFormRegisterReturn & { defaultValue?: string | number; defaultChecked?: boolean } = register(name, options);
    const value = valueAt(defaults, name);
    if (typeof value === 'boolean') field.defaultChecked = value;
    else if (typeof value === 'string' || typeof value === 'number') field.defaultValue = value;
    return field;
  }) as UseFormRegister<T>;
}
