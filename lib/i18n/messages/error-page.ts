import type { Messages } from './types';

// app/global-error.tsx shows these without the root layout, hence without next-intl: plain text only, no
// ICU. It imports this small copy rather than en.json and it.json, which would put both whole catalogues
// in every page's JavaScript. lib/i18n/catalogues.test.ts checks it equals the catalogues' errorPage.
export const errorPageEn: Messages['errorPage'] = {
  unavailableTitle: 'Temporarily unavailable',
  genericTitle: 'Something went wrong',
  genericBody: 'The page could not be shown. Please try again.',
  databaseDown: 'The panel cannot reach its database right now. Try again in a moment.',
  retry: 'Try again',
};

export const errorPageIt: Messages['errorPage'] = {
  unavailableTitle: 'Momentaneamente non disponibile',
  genericTitle: 'Si è verificato un errore',
  genericBody: 'Non è stato possibile mostrare la pagina. Riprova.',
  databaseDown: 'Il pannello non riesce a raggiungere il database. Riprova tra poco.',
  retry: 'Riprova',
};
