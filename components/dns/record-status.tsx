import type { CheckStatus } from '@/lib/dns/compare';

const tones: Record<CheckStatus | 'notChecked', string> = {
  ok: 'bg-emerald-50 text-emerald-800',
  missing: 'bg-red-50 text-red-800',
  wrong: 'bg-red-50 text-red-800',
  unknown: 'bg-amber-50 text-amber-900',
  notChecked: 'bg-slate-100 text-slate-700',
};

/** A record's (or a domain's) outcome of the live check, as a small badge with its words. */
export function DnsBadge({ status, label }: { status: CheckStatus | 'notChecked'; label: string }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[status]}`}>{label}</span>;
}

