import type { Widen } from '../widen';

export const auditEn = {
  title: 'Audit log',
  intro: 'Every change made in the panel: who, what, when and from which address.',
  listCaption: 'Audit log',
  empty: 'Nothing recorded yet.',
  filterDomain: 'Domain',
  filterActor: 'Who',
  filter: 'Filter',
  clear: 'Clear',
  columns: { at: 'When', actor: 'Who', action: 'What', target: 'On', domain: 'Domain', ip: 'From' },
  change: '{field}: {before} → {after}',
};

export const auditIt: Widen<typeof auditEn> = {
  title: 'Registro attività',
  intro: 'Ogni modifica fatta nel pannello: chi, cosa, quando e da quale indirizzo.',
  listCaption: 'Registro attività',
  empty: 'Ancora nessuna attività registrata.',
  filterDomain: 'Dominio',
  filterActor: 'Chi',
  filter: 'Filtra',
  clear: 'Azzera',
  columns: { at: 'Quando', actor: 'Chi', action: 'Cosa', target: 'Su', domain: 'Dominio', ip: 'Da' },
  change: '{field}: {before} → {after}',
};
