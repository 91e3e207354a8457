import type { Widen } from '../widen';

// app/global-error.tsx shows these without the root layout, hence without next-intl: plain text only.
export const errorPageEn = {
  unavailableTitle: 'Temporarily unavailable',
  genericTitle: 'Something went wrong',
  genericBody: 'The page could not be shown. Please try again.',
  databaseDown: 'The panel cannot reach its database right now. Try again in a moment.',
  retry: 'Try again',
};

export const errorPageIt: Widen<typeof errorPageEn> = {
  unavailableTitle: 'Momentaneamente non disponibile',
  genericTitle: 'Si è verificato un errore',
  genericBody: 'Non è stato possibile mostrare la pagina. Riprova.',
  databaseDown: 'Il pannello non riesce a raggiungere il database. Riprova tra poco.',
  retry: 'Riprova',
};
