import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from './text-field';

type PasswordInput = { label: string; field: UseFormRegisterReturn; error?: string };

/**
 * A new password and its confirmation, as password managers expect them (`new-password`): stacked, or
 * side by side from small screens up.
 */
export function NewPasswordFields({
  password,
  confirm,
  sideBySide = false,
}: {
  password: PasswordInput & { description?: string; autoFocus?: boolean };
  confirm: PasswordInput;
  sideBySide?: boolean;
}) {
  const { field: passwordField, ...passwordProps } = password;
  const { field: confirmField, ...confirmProps } = confirm;
  const fields = (
    <>
      <TextField type="password" autoComplete="new-password" {...passwordProps} {...passwordField} />
      <TextField type="password" autoComplete="new-password" className={sideBySide ? 'sm:self-end' : undefined} {...confirmProps} {...confirmField} />
    </>
  );
  return sideBySide ? <div className="grid gap-4 sm:grid-cols-2">{fields}</div> : fields;
}
