import { get, type FieldErrors, type FieldPath, type FieldValues, type UseFormRegister } from 'react-hook-form';

/**
 * What an input takes for a form's field: its registration and its error in the page's language
 * (`message` turns the schema's or the server's message key into text). Made during render, so it reads
 * the errors of that render.
 */
export function fieldProps<T extends FieldValues>(register: UseFormRegister<T>, errors: FieldErrors<T>, message: (key: string | undefined) => string | undefined) {
  return (name: FieldPath<T>) => ({ error: message((get(errors, name) as { message?: string } | undefined)?.message), ...register(name) });
}
