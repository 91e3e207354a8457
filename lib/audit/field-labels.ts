import { formatBytes, formatNumber } from '@/lib/format';
import type { Language } from '@/lib/mail/services';

// What the audit log calls each field a change records (`diff` in write-audit.ts takes only these names,
// so a new field without a label does not type-check), in both languages.
const en = {
  active: 'Active',
  name: 'Name',
  pop: 'POP3',
  imap: 'IMAP',
  smtp: 'SMTP',
  webmail: 'Webmail',
  activesync: 'ActiveSync',
  dav: 'Calendars and contacts (CalDAV/CardDAV)',
  xmpp: 'Chat (XMPP)',
  storageOptionsBytes: 'Storage options',
  domainStorageBytes: 'Storage per domain',
  maxAccounts: 'Accounts per domain',
  defaultDailySendLimit: 'Default sending limit a day',
  maxDailySendLimit: 'Highest sending limit a day',
  allowSpamToInbox: 'Spam may go to the inbox',
  userDetailFields: 'Extra user details',
  defaultStorageBytes: 'Default storage of a new account',
  pmCanCreate: 'Postmaster may create accounts',
  pmCanDelete: 'Postmaster may delete accounts',
  pmCanToggle: 'Postmaster may deactivate and reactivate accounts',
  pmCanChangeLimits: 'Postmaster may change storage and sending limits',
  pmCanManageAliases: 'Postmaster may manage aliases',
  maxAliases: 'Aliases per domain',
  maxMessageBytes: 'Largest message',
  catchAll: 'Catch-all account',
  plusAddressing: 'Plus-addressing (user+tag@)',
  targets: 'Delivers to',
  senders: 'Who may send to it',
  sendAs: 'Accounts that may send as it',
  quotaBytes: 'Storage',
  dailySendLimit: 'Sending limit a day',
  forwards: 'Forwarding addresses',
  forwardKeepCopy: 'Keep a copy of forwarded mail',
  spamToInbox: 'Spam to the inbox',
  rejectAll: 'Reject incoming mail',
  rejectMessage: 'Rejection message',
  passwordExpiryMonths: 'Password expiry (months)',
  blockPasswordReuse: 'Block password reuse',
  passwordChangeDisabled: 'Password change turned off',
  passwordRecoveryDisabled: 'Password recovery turned off',
  forcePasswordChange: 'Password change at next sign-in',
  otpRequired: 'Two-step sign-in required',
  allowedIps: 'Allowed IP addresses',
  apiAccess: 'API access',
  enabled: 'Autoresponder on',
  subject: 'Subject',
  body: 'Message',
  startsAt: 'From',
  endsAt: 'Until',
  language: 'Language',
  timeZone: 'Time zone',
  dateFormat: 'Date format',
  timeFormat: 'Time format',
  inAddressBook: 'In the company address book',
  firstName: 'First name',
  lastName: 'Last name',
  description: 'Description',
  phone: 'Phone',
  mobile: 'Mobile',
  company: 'Company',
  department: 'Department',
  jobTitle: 'Job title',
  recoveryEmail: 'Recovery email address',
} as const;

export type AuditedField = keyof typeof en;

const it: Record<AuditedField, string> = {
  active: 'Attivo',
  name: 'Nome',
  pop: 'POP3',
  imap: 'IMAP',
  smtp: 'SMTP',
  webmail: 'Webmail',
  activesync: 'ActiveSync',
  dav: 'Calendari e contatti (CalDAV/CardDAV)',
  xmpp: 'Chat (XMPP)',
  storageOptionsBytes: 'Opzioni di spazio',
  domainStorageBytes: 'Spazio per dominio',
  maxAccounts: 'Account per dominio',
  defaultDailySendLimit: 'Limite di invio giornaliero predefinito',
  maxDailySendLimit: 'Limite di invio giornaliero massimo',
  allowSpamToInbox: 'Lo spam può andare nella posta in arrivo',
  userDetailFields: 'Dati utente aggiuntivi',
  defaultStorageBytes: 'Spazio predefinito di un nuovo account',
  pmCanCreate: 'Il postmaster può creare account',
  pmCanDelete: 'Il postmaster può eliminare account',
  pmCanToggle: 'Il postmaster può disattivare e riattivare account',
  pmCanChangeLimits: 'Il postmaster può cambiare spazio e limiti di invio',
  pmCanManageAliases: 'Il postmaster può gestire gli alias',
  maxAliases: 'Alias per dominio',
  maxMessageBytes: 'Dimensione massima di un messaggio',
  catchAll: 'Account catch-all',
  plusAddressing: 'Indirizzi con il più (utente+etichetta@)',
  targets: 'Consegna a',
  senders: 'Chi può scrivere',
  sendAs: 'Account che possono inviare con questo indirizzo',
  quotaBytes: 'Spazio',
  dailySendLimit: 'Limite di invio giornaliero',
  forwards: 'Indirizzi di inoltro',
  forwardKeepCopy: 'Conserva una copia della posta inoltrata',
  spamToInbox: 'Spam nella posta in arrivo',
  rejectAll: 'Rifiuta la posta in arrivo',
  rejectMessage: 'Messaggio di rifiuto',
  passwordExpiryMonths: 'Scadenza della password (mesi)',
  blockPasswordReuse: 'Blocca il riuso delle password',
  passwordChangeDisabled: 'Cambio password disattivato',
  passwordRecoveryDisabled: 'Recupero password disattivato',
  forcePasswordChange: 'Cambio password al prossimo accesso',
  otpRequired: 'Accesso in due passaggi obbligatorio',
  allowedIps: 'Indirizzi IP consentiti',
  apiAccess: 'Accesso alle API',
  enabled: 'Risposta automatica attiva',
  subject: 'Oggetto',
  body: 'Messaggio',
  startsAt: 'Dal',
  endsAt: 'Al',
  language: 'Lingua',
  timeZone: 'Fuso orario',
  dateFormat: 'Formato della data',
  timeFormat: 'Formato dell’ora',
  inAddressBook: 'Nella rubrica aziendale',
  firstName: 'Nome',
  lastName: 'Cognome',
  description: 'Descrizione',
  phone: 'Telefono',
  mobile: 'Cellulare',
  company: 'Azienda',
  department: 'Reparto',
  jobTitle: 'Qualifica',
  recoveryEmail: 'Indirizzo email di recupero',
};

const LABELS: Record<Language, Record<AuditedField, string>> = { en, it };

/** For the tests: the fields labelled in each language. */
export const AUDITED_FIELDS = { en: Object.keys(en), it: Object.keys(it) };

export function isAuditedField(field: string): field is AuditedField {
  return Object.hasOwn(en, field);
}

/** A field's label; a field recorded by another version (not known here) is shown as it was recorded. */
export function auditFieldLabel(field: string, language: Language): string {
  return isAuditedField(field) ? LABELS[language][field] : field;
}

const YES_NO: Record<Language, [string, string]> = { en: ['yes', 'no'], it: ['sì', 'no'] };

/** A recorded value as a reader sees it: yes / no, sizes and numbers in the reader's format, lists joined. */
export function auditValue(field: string, value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => auditValue(field, item, language)).join(', ');
  if (typeof value === 'number') return field.endsWith('Bytes') ? formatBytes(value, language) : formatNumber(value, language);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
