import type { Widen } from '../widen';

export const errorPageEn = {
  unavailableTitle: 'Temporarily unavailable',
  genericTitle: 'Something went wrong',
  genericBody: 'The page could not be shown. Please try again.',
};

export const errorPageIt: Widen<typeof errorPageEn> = {
  unavailableTitle: 'Momentaneamente non disponibile',
  genericTitle: 'Si è verificato un errore',
  genericBody: 'Non è stato possibile mostrare la pagina. Riprova.',
};
