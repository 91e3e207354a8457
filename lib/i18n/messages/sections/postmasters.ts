import type { Widen } from '../widen';

export const postmastersEn = {
  title: 'Postmasters',
  intro: 'Every domain has one postmaster, who manages the domain’s accounts. Its storage is fixed at 50 MB.',
  listCaption: 'Postmasters',
  searchLabel: 'Search postmasters',
  empty: 'No postmasters yet: they are created with their domains.',
  columns: { status: 'Status', domain: 'Domain', address: 'Address', storage: 'Storage used' },
  usedOf: '{used} of {max}',
  online: 'Online',
  offline: 'Offline',
};

export const postmastersIt: Widen<typeof postmastersEn> = {
  title: 'Postmaster',
  intro: 'Ogni dominio ha un postmaster, che gestisce gli account del dominio. Il suo spazio è fisso a 50 MB.',
  listCaption: 'Postmaster',
  searchLabel: 'Cerca postmaster',
  empty: 'Nessun postmaster: vengono creati insieme ai domini.',
  columns: { status: 'Stato', domain: 'Dominio', address: 'Indirizzo', storage: 'Spazio usato' },
  usedOf: '{used} di {max}',
  online: 'Online',
  offline: 'Offline',
};
