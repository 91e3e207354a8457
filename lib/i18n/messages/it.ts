import type { Messages } from './en';
import { accountImportIt } from './sections/account-import';
import { accountsIt } from './sections/accounts';
import { accountsListIt } from './sections/accounts-list';
import { apiIt } from './sections/api';
import { adminsIt } from './sections/admins';
import { auditIt } from './sections/audit';
import { domainsIt } from './sections/domains';
import { errorPageIt } from './sections/error-page';
import { mailboxSettingsIt } from './sections/mailbox-settings';
import { plansIt } from './sections/plans';
import { postmastersIt } from './sections/postmasters';
import { recoveryIt } from './sections/recovery';
import { selfServiceIt } from './sections/self-service';
import { pageTitlesIt } from './sections/page-titles';
import { securityIt } from './sections/security';
import { wizardIt } from './sections/wizard';
import { appPasswordsIt } from './sections/app-passwords';
import { jobsIt } from './sections/jobs';

export const it: Messages = {
  app: { name: 'mailpanel', tagline: 'Pannello di controllo per hosting email' },
  common: {
    copyFailed: 'La copia non è riuscita. Seleziona il testo e copialo a mano.',
    shownOnce: 'Viene mostrato solo adesso: non è salvato in chiaro da nessuna parte e non potrà essere mostrato di nuovo. Copialo e consegnalo in modo sicuro.',
    search: 'Cerca',
    searchPlaceholder: 'Cerca…',
    showing: 'Da {from, number, grouped} a {to, number, grouped} di {total, number, grouped}',
    noResults: 'Nessun risultato.',
    previous: 'Precedente',
    nextPage: 'Successiva',
    pagination: 'Paginazione',
    perPage: 'Per pagina',
    actions: 'Azioni',
    status: 'Stato',
    active: 'Attivo',
    inactive: 'Disattivato',
    yes: 'Sì',
    no: 'No',
    saved: 'Salvato.',
    sortBy: 'Ordina per {column}',
    save: 'Salva',
    cancel: 'Annulla',
    back: 'Indietro',
    next: 'Avanti',
    loading: 'Attendere…',
    copy: 'Copia',
    copied: 'Copiato',
  },
  shell: {
    mainNav: 'Navigazione principale',
    openMenu: 'Apri il menu',
    closeMenu: 'Chiudi il menu',
    signedInAs: 'Accesso eseguito come {label}',
    signOut: 'Esci',
    skipToContent: 'Vai al contenuto',
    roles: { superadmin: 'Superadmin', admin: 'Amministratore', postmaster: 'Postmaster', user: 'Utente' },
    nav: {
      domains: 'Domini',
      postmasters: 'Postmaster',
      plans: 'Piani',
      admins: 'Amministratori',
      audit: 'Registro attività',
      myDomain: 'Il mio dominio',
      accounts: 'Account email',
      mySettings: 'Le mie impostazioni',
    },
  },
  auth: {
    signInTitle: 'Accedi',
    signInIntro: 'Accedi con il tuo indirizzo email e la password.',
    identifier: 'Indirizzo email',
    password: 'Password',
    submit: 'Accedi',
    invalidCredentials: "L'indirizzo email o la password non sono corretti.",
    throttled: 'Troppi tentativi non riusciti. Riprova tra {minutes, plural, one {# minuto} other {# minuti}}.',
    signedOut: 'Sei uscito dal pannello.',
    setupDone: 'Il superadmin è stato creato. Accedi per continuare.',
  },
  setup: {
    title: 'Configura mailpanel',
    intro: 'Crea il superadmin: il primo amministratore, che gestisce piani, amministratori e tutti i domini.',
    name: 'Nome e cognome',
    email: 'Indirizzo email',
    password: 'Password',
    passwordHint: 'Da 12 a 72 byte. Una frase lunga è la scelta migliore.',
    confirmPassword: 'Ripeti la password',
    submit: 'Crea il superadmin',
    linkUsed: 'Questo link di configurazione non è più valido.',
  },
  validation: {
    required: 'Campo obbligatorio.',
    invalid: 'Valore non valido.',
    email: 'Inserisci un indirizzo email valido.',
    tooLong: 'Al massimo {max, number, grouped} caratteri.',
    passwordTooShort: 'La password deve contenere almeno {min, number, grouped} caratteri.',
    passwordTooLong: 'La password può essere lunga al massimo {max, number, grouped} byte (lettere accentate e simboli contano più di uno).',
    passwordsDiffer: 'Le due password non coincidono.',
    emailTaken: 'Questo indirizzo email è già in uso.',
  },
  errors: {
    signedOut: 'La sessione è terminata. Accedi di nuovo.',
    generic: 'Si è verificato un errore. Non è stato modificato nulla: riprova.',
    notFound: 'Non trovato.',
    notFoundIntro: 'La pagina non esiste oppure non hai accesso.',
    conflict: "Qualcun altro ha salvato nel frattempo. Ricarica la pagina per vedere le modifiche, poi riprova.",
    databaseDown: errorPageIt.databaseDown,
    goHome: 'Vai alla pagina iniziale',
    retry: errorPageIt.retry,
  },
  plans: plansIt,
  admins: adminsIt,
  domains: domainsIt,
  mailboxSettings: mailboxSettingsIt,
  postmasters: postmastersIt,
  security: securityIt,
  audit: auditIt,
  accountsList: accountsListIt,
  wizard: wizardIt,
  accounts: accountsIt,
  accountImport: accountImportIt,
  recovery: recoveryIt,
  selfService: selfServiceIt,
  pageTitles: pageTitlesIt,
  jobs: jobsIt,
  appPasswords: appPasswordsIt,
  errorPage: errorPageIt,
  api: apiIt,
};
