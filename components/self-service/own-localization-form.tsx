'use client';

import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { useSectionSave, type SectionAction } from '@/components/mailbox-settings/section-save';
import { LocalizationFields } from '@/components/mailbox-settings/localization-fields';
import { SaveBar } from '@/components/ui/save-bar';
import type { Language } from '@/lib/mail/services';
import type { OwnLocalizationInput, OwnLocalizationValues } from '@/lib/validations/mailbox-settings';

const loadOwnLocalizationSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.ownLocalizationSchema);

/**
 * The panel's own language and time zone ("My settings"); after a save the whole panel follows them.
 * `savedIn` is the one text needed in every language (the browser holds only the current one).
 */
export function OwnLocalizationForm({
  initial,
  timeZones,
  action,
  savedIn,
}: {
  initial: OwnLocalizationInput;
  timeZones: readonly string[];
  action: SectionAction;
  savedIn: Record<Language, string>;
}) {
  const t = useT();
  const router = useRouter();
  const { register, handleSubmit, setError, setValue, control, formState } = useForm<OwnLocalizationInput, unknown, OwnLocalizationValues>({
    resolver: useLazyZodResolver(loadOwnLocalizationSchema),
    defaultValues: initial,
  });
  const { errors } = formState;
  const { status, save, message } = useSectionSave({ id: 0, action, setError });

  return (
    <form
      onSubmit={handleSubmit(async (values) => {
        // The message in the language just chosen: the page around it follows with the refresh.
        if (await save(values, savedIn[values.language])) router.refresh();
      })}
      noValidate
      className="space-y-5"
    >
      <LocalizationFields control={control} register={register} setValue={setValue} errors={errors} message={message} zones={timeZones} labels="selfService.localization" />
      <SaveBar status={status} pending={formState.isSubmitting}>
        {t('selfService.localization.save')}
      </SaveBar>
    </form>
  );
}
