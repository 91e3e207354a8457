import type { Widen } from '../widen';

// The browser tab's title of each page (generateMetadata), in the reader's language.
export const pageTitlesEn = {
  audit: 'Audit log',
  addDomain: 'Add a domain',
  domain: 'Domain',
  domains: 'Domains',
  newAccount: 'New email account',
  accounts: 'Email accounts',
  account: 'Email account',
  postmaster: 'Postmaster',
  postmasters: 'Postmasters',
  setup: 'Set up',
  otp: 'Two-step sign-in',
  changePassword: 'Change password',
};

export const pageTitlesIt: Widen<typeof pageTitlesEn> = {
  audit: 'Registro attività',
  addDomain: 'Aggiungi un dominio',
  domain: 'Dominio',
  domains: 'Domini',
  newAccount: 'Nuovo account email',
  accounts: 'Account email',
  account: 'Account email',
  postmaster: 'Postmaster',
  postmasters: 'Postmaster',
  setup: 'Configurazione',
  otp: 'Accesso in due passaggi',
  changePassword: 'Cambia password',
};
