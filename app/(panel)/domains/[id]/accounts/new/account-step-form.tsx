'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { ResultHeading } from '@/components/ui/result-heading';
import { TextField } from '@/components/ui/text-field';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { PasswordModeFieldset } from '@/components/ui/password-mode-fieldset';
import type { AccountStepInput, AccountStepValues } from '@/lib/validations/account-wizard';
import { saveAccountStepAction } from './actions';
import { useStepSubmit } from './use-step-submit';
import { fieldProps } from '@/components/forms/field-props';

type Props = {
  domainId: number;
  /** Null until step 1 is first saved: saving it starts the draft. */
  draftId: string | null;
  /** The domain in Unicode, as shown after the @. */
  domainName: string;
  defaults: AccountStepInput;
  passwordSet: boolean;
  passwordGenerated: boolean;
  cancelHref: string;
};

type Generated = { generatedPassword: string; next: string; address: string };

export function AccountStepForm({ domainId, draftId, domainName, defaults, passwordSet, passwordGenerated, cancelHref }: Props) {
  const t = useT();
  const loadSchema = useCallback(() => import('@/lib/validations/account-wizard').then((m) => m.accountStepSchema({ passwordSet })), [passwordSet]);
  const { register, handleSubmit, setError, control, formState } = useForm<AccountStepInput, unknown, AccountStepValues>({
    resolver: useLazyZodResolver(loadSchema),
    defaultValues: defaults,
  });
  const { errors } = formState;
  const { submit, formError } = useStepSubmit({ setError });
  // A generated password lives only in this component's state: it is shown once, here.
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [mode, localPart] = useWatch({ control, name: ['passwordMode', 'localPart'] });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  const onSubmit = handleSubmit(async (values) => {
    // With "generate", whatever was typed in the password fields stays in the browser.
    const input = values.passwordMode === 'set' ? values : { ...values, password: '', confirmPassword: '' };
    const data = await submit(() => saveAccountStepAction(domainId, draftId, input));
    if (!data) return;
    setGenerated({ generatedPassword: data.generatedPassword, next: data.next, address: `${values.localPart}@${domainName}` });
    // The draft exists now: a reload (or Back, later) finds step 1 of it, password set, never the password.
    window.history.replaceState(null, '', data.stepOne);
  });

  if (generated) {
    return (
      <div className="space-y-5">
        <ResultHeading level={3}>{t('wizard.account.generatedTitle')}</ResultHeading>
        <OneTimeSecret label={t('wizard.account.generatedLabel', { address: generated.address })} value={generated.generatedPassword} />
        <div className="flex justify-end">
          <Link href={generated.next} className={buttonClasses('primary')}>
            {t('wizard.account.continue')} <span aria-hidden="true">→</span>
          </Link>
        </div>
      </div>
    );
  }

  const preview = `${(localPart ?? '').trim().toLowerCase() || '…'}@${domainName}`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('wizard.account.firstName')}
          description={t('wizard.account.firstNameHint')}
          autoComplete="off"
          maxLength={100}
          {...field('firstName')}
        />
        <TextField
          label={t('wizard.account.lastName')}
          autoComplete="off"
          maxLength={100}
          className="sm:self-end"
          {...field('lastName')}
        />
      </div>
      <TextField
        label={t('wizard.account.description')}
        description={t('wizard.account.descriptionHint')}
        autoComplete="off"
        maxLength={200}
        {...field('description')}
      />
      <div className="space-y-1.5">
        <TextField
          label={t('wizard.account.localPart')}
          description={t('wizard.account.localPartHint')}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          inputClassName="font-mono"
          {...field('localPart')}
        />
        <p className="text-sm text-slate-700" aria-live="polite">
          {t('wizard.account.preview')}{' '}
          <span className="font-mono font-medium wrap-anywhere text-slate-900">{preview}</span>
        </p>
      </div>

      <PasswordModeFieldset
        legend={t('wizard.account.passwordLegend')}
        field={register('passwordMode')}
        choices={[
          { value: 'generate', title: passwordSet ? t('wizard.account.generateAgain') : t('wizard.account.generate'), hint: t('wizard.account.generateHint') },
          { value: 'set', title: passwordSet ? t('wizard.account.keep') : t('wizard.account.set'), hint: t('wizard.account.setHint') },
        ]}
        error={message(errors.passwordMode?.message)}
      >
        {passwordSet && (
          <Alert tone="info">{passwordGenerated ? t('wizard.account.passwordSetGenerated') : t('wizard.account.passwordSetTyped')}</Alert>
        )}
      </PasswordModeFieldset>
      {mode === 'set' && (
        <NewPasswordFields
          sideBySide
          password={{
            label: t('wizard.account.password'),
            description: passwordSet ? t('wizard.account.passwordKeepHint') : t('wizard.account.passwordHint'),
            field: register('password'),
            error: message(errors.password?.message),
          }}
          confirm={{ label: t('wizard.account.confirmPassword'), field: register('confirmPassword'), error: message(errors.confirmPassword?.message) }}
        />
      )}

      <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:justify-between">
        <Link href={cancelHref} className={buttonClasses('ghost')}>
          {t('wizard.cancel')}
        </Link>
        <Button type="submit" pending={formState.isSubmitting}>
          {t('wizard.next')} <span aria-hidden="true">→</span>
        </Button>
      </div>
    </form>
  );
}
