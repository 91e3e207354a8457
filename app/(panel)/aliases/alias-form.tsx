'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { refusalStatus } from '@/components/mailbox-settings/section-save';
import { Checkbox } from '@/components/ui/checkbox';
import { SaveBar, type SaveStatus } from '@/components/ui/save-bar';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { ALIAS_DESCRIPTION_MAX, ALIAS_TARGETS_MAX, type AliasSenders } from '@/lib/validations/alias-constants';
import { membersFromCsv, withMembers } from '@/lib/validations/alias-members';
import { createAliasAction, updateAliasAction } from './actions';
import { fieldProps } from '@/components/forms/field-props';

const loadCreateSchema = () => import('@/lib/validations/alias').then((m) => m.aliasCreateSchema);
const loadUpdateSchema = () => import('@/lib/validations/alias').then((m) => m.aliasUpdateSchema);

/** What the form holds: the targets and send-as accounts as typed, one a line (the schema splits them). */
export type AliasFormValues = { localPart: string; version: number; description: string; active: boolean; targets: string; senders: AliasSenders; sendAs: string };

type Props =
  | { mode: 'create'; domainId: number; domainName: string; initial: AliasFormValues }
  | { mode: 'edit'; aliasId: number; domainName: string; initial: AliasFormValues };

const FIELDS = ['localPart', 'description', 'active', 'targets', 'senders', 'sendAs'] as const;

/** A new alias, or an alias's description, targets and active switch: the REST API's schema and lib functions. */
export function AliasForm(props: Props) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<SaveStatus>(null);
  const { register, handleSubmit, getValues, setValue, setError, reset, formState } = useForm<AliasFormValues>({
    // One form for both schemas: the create one has localPart, the update one the version.
    resolver: useLazyZodResolver((props.mode === 'create' ? loadCreateSchema : loadUpdateSchema) as typeof loadCreateSchema) as never,
    defaultValues: props.initial,
  });
  const { errors } = formState;
  // Saved elsewhere since (the switch beside the form): start again from the saved values. The form's own
  // save already holds the new version, so its "Saved." stays.
  const savedVersion = props.initial.version;
  useEffect(() => {
    if (Number(getValues('version')) !== savedVersion) reset(props.initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new saved version resets the form
  }, [savedVersion]);
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);
  const [csvNote, setCsvNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  // A CSV file of members: its addresses join the targets as if pasted; the schema checks them at save.
  const addMembersFrom = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { text, added } = withMembers(getValues('targets'), membersFromCsv(await file.text()));
      setValue('targets', text, { shouldDirty: true });
      setCsvNote({ tone: 'ok', text: t('aliases.form.membersAdded', { count: added, file: file.name }) });
    } catch {
      setCsvNote({ tone: 'error', text: t('aliases.form.membersUnreadable') });
    }
  };

  const onSubmit = handleSubmit(async () => {
    setStatus(null);
    // The server parses the form as typed with the same schema.
    const { localPart, version, ...values } = getValues();
    const result = props.mode === 'create' ? await createAliasAction(props.domainId, { localPart, ...values }) : await updateAliasAction(props.aliasId, { version, ...values });
    if (result.ok) {
      if (props.mode === 'create') {
        router.push(`/domains/${props.domainId}/aliases`);
        return;
      }
      if ('version' in result.data) setValue('version', result.data.version);
      setStatus({ tone: 'success', text: t('aliases.form.saved') });
      router.refresh();
      return;
    }
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      if (!(FIELDS as readonly string[]).includes(field)) continue;
      setError(field as (typeof FIELDS)[number], { type: 'server', message: key }, { shouldFocus: first });
      first = false;
    }
    setStatus(refusalStatus(result, t.raw));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {props.mode === 'create' && (
        <TextField
          label={t('aliases.form.localPart')}
          description={t('aliases.form.localPartHint', { domain: props.domainName })}
          autoComplete="off"
          spellCheck={false}
          className="max-w-xs"
          {...field('localPart')}
        />
      )}
      <TextareaField
        label={t('aliases.form.targets')}
        description={t('aliases.form.targetsHint', { max: ALIAS_TARGETS_MAX })}
        autoComplete="off"
        spellCheck={false}
        rows={6}
        className="max-w-xl"
        {...field('targets')}
      />
      <div className="max-w-xl space-y-1">
        <TextField
          label={t('aliases.form.membersCsv')}
          description={t('aliases.form.membersCsvHint')}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          error={csvNote?.tone === 'error' ? csvNote.text : undefined}
          onChange={(event) => {
            const input = event.currentTarget;
            void addMembersFrom(input.files?.[0]).finally(() => {
              input.value = '';
            });
          }}
        />
        {csvNote?.tone === 'ok' && (
          <p role="status" className="text-sm text-slate-700">
            {csvNote.text}
          </p>
        )}
      </div>
      <SelectField label={t('aliases.form.senders')} description={t('aliases.form.sendersHint')} className="max-w-xl" {...field('senders')}>
        <option value="anyone">{t('aliases.form.sendersAnyone')}</option>
        <option value="domain">{t('aliases.form.sendersDomain', { domain: props.domainName })}</option>
        <option value="members">{t('aliases.form.sendersMembers')}</option>
      </SelectField>
      <TextareaField
        label={t('aliases.form.sendAs')}
        description={t('aliases.form.sendAsHint')}
        autoComplete="off"
        spellCheck={false}
        rows={2}
        className="max-w-xl"
        {...field('sendAs')}
      />
      <TextField
        label={t('aliases.form.description')}
        autoComplete="off"
        maxLength={ALIAS_DESCRIPTION_MAX}
        className="max-w-xl"
        {...field('description')}
      />
      <Checkbox label={t('aliases.form.active')} {...field('active')} />
      {props.mode === 'edit' && <input type="hidden" {...register('version')} />}
      <SaveBar status={status} pending={formState.isSubmitting}>
        {props.mode === 'create' ? t('aliases.form.create') : t('aliases.form.save')}
      </SaveBar>
    </form>
  );
}
