'use client';

import { useId, useMemo } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { canonicalTimeZone, utcOffset, zoneOffsets } from '@/lib/time/zoned';

type Props = {
  label: string;
  error?: string;
  /** Current IANA names (lib/time/zoned.ts timeZoneNames). */
  zones: readonly string[];
  /** What the field holds now (the form's watched value). */
  value: string;
  /** Puts a zone into the field (the device's, when the person takes the suggestion). */
  onPick: (zone: string) => void;
  field: UseFormRegisterReturn;
  disabled?: boolean;
};

/**
 * A time zone: a text field with the ~400 zone names as its suggestions (a native combobox: type "rome" or
 * "kolk" and pick; keyboard and screen readers work as with any input with a list), each with its offset
 * from UTC now; under it the chosen zone's offset, and this device's zone offered when it differs.
 */
export function TimeZoneField({ label, error, zones, value, onPick, field, disabled }: Props) {
  const t = useT();
  const listId = useId();
  // Offsets change with daylight saving time: computed for now (zoneOffsets keeps them a quarter hour).
  const options = useMemo(() => zoneOffsets(zones), [zones]);
  // The device's zone is the browser's to say: known once hydrated (the server's would be wrong).
  const hydrated = useHydrated();
  const device = hydrated ? canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) : null;

  const chosen = canonicalTimeZone(value.trim());
  const description = chosen ? t('common.timeZoneNow', { zone: chosen.replaceAll('_', ' '), offset: utcOffset(chosen) }) : t('common.timeZoneHint');

  return (
    <div className="min-w-0 space-y-2">
      <TextField
        label={label}
        description={description}
        error={error}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        disabled={disabled}
        {...field}
      />
      <datalist id={listId}>
        {options.map(({ zone, offset }) => (
          <option key={zone} value={zone} label={`${zone.replaceAll('_', ' ')} (${offset})`} />
        ))}
      </datalist>
      {device && device !== chosen && !disabled && (
        <button
          type="button"
          onClick={() => onPick(device)}
          className="text-left text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t('common.timeZoneUseDevice', { zone: device.replaceAll('_', ' '), offset: utcOffset(device) })}
        </button>
      )}
    </div>
  );
}
