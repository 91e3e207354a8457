import { translate } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';
import type { ImportOutcome, ImportProgress } from './import-accounts';
import type { ImportIssue } from './issues';
import type { ImportReport } from './preview-import';

/** A report with its messages in the caller's language, as the import page shows it. */
export function translatedReport<T extends ImportReport>(report: T, language: Language): T {
  return { ...report, issues: report.issues.map((issue: ImportIssue) => ({ ...issue, message: translate(language, issue.message) })) };
}

/** One line of the import's answer to the panel's page (JSON lines): progress, then the outcome or an error. */
export type ImportEvent = ({ type: 'progress' } & ImportProgress) | ({ type: 'result' } & ImportOutcome) | { type: 'error'; message: string };
