import { describe, expect, it } from 'vitest';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { fieldProps } from './field-props';

type Values = { name: string; storageOptions: { amount: number }[]; domainStorage: { unit: string } };

const register = ((name: string) => ({ name, onChange: async () => {}, onBlur: async () => {}, ref: () => {} })) as unknown as UseFormRegister<Values>;
const message = (key: string | undefined) => (key ? `text of ${key}` : undefined);

describe('fieldProps', () => {
  it('gives a field its registration and its error, translated, nested paths included', () => {
    const errors = {
      storageOptions: [undefined, { amount: { type: 'too_small', message: 'validation.tooSmall' } }],
      domainStorage: { unit: { type: 'server', message: 'plans.errors.unit' } },
    } as unknown as FieldErrors<Values>;
    const field = fieldProps(register, errors, message);
    expect(field('storageOptions.1.amount')).toMatchObject({ name: 'storageOptions.1.amount', error: 'text of validation.tooSmall' });
    expect(field('domainStorage.unit').error).toBe('text of plans.errors.unit');
    expect(field('storageOptions.0.amount').error).toBeUndefined();
    expect(field('name')).toMatchObject({ name: 'name', error: undefined });
  });
});
