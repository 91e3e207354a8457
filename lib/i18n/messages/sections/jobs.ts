import type { Widen } from '../widen';

export const jobsEn = {
  nav: 'Mail server jobs',
  title: 'Mail server jobs',
  intro:
    'What the mail servers still have to do after a change saved in the panel: ending sessions, removing a deleted account’s mail, recomputing storage used. While an account has work here it shows as Updating. Failed jobs wait for you to retry them.',
  noMailHost: 'No mail server is configured (MAIL_DOVEADM is not set): jobs are completed without any action on a mail server.',
  listCaption: 'Unfinished mail server jobs',
  empty: 'Nothing is waiting: every change has reached the mail servers.',
  columns: { job: 'Job', target: 'For', domain: 'Domain', state: 'State', created: 'Queued', error: 'Last error' },
  kinds: {
    kick: 'End the account’s sessions',
    'kick-domain': 'End the domain’s sessions',
    'delete-mail': 'Remove a deleted account’s mail',
    'delete-domain-mail': 'Remove a deleted domain’s mail',
    'recalc-quota': 'Recompute storage used',
  },
  states: { pending: 'Waiting', running: 'Running', failed: 'Failed' },
  nextTry: 'next try {when}',
  attempts: 'Attempts: {count, number, grouped}',
  deletedDomain: 'deleted domain',
  noError: '—',
  retry: 'Retry',
  retryLabel: 'Retry job {id}: {kind} for {target}',
  retried: 'Job {id} will run again in a moment.',
  errors: {
    addressBeingCleared: 'The mail of an earlier account {address} is still being removed from the mail server. Try again in a minute (an administrator sees the job under Mail server jobs).',
    domainBeingCleared: 'The mail of {domain}, deleted a moment ago, is still being removed from the mail server. Try again in a minute (the superadmin sees the job under Mail server jobs).',
  },
};

export const jobsIt: Widen<typeof jobsEn> = {
  nav: 'Attività dei server di posta',
  title: 'Attività dei server di posta',
  intro:
    'Ciò che i server di posta devono ancora fare dopo una modifica salvata nel pannello: chiudere le sessioni, eliminare la posta di un account eliminato, ricalcolare lo spazio usato. Finché un account ha attività in sospeso risulta In aggiornamento. Le attività non riuscite attendono che tu le riprovi.',
  noMailHost: 'Nessun server di posta è configurato (MAIL_DOVEADM non è impostata): le attività vengono completate senza alcuna azione su un server di posta.',
  listCaption: 'Attività dei server di posta non completate',
  empty: 'Niente in attesa: ogni modifica è arrivata ai server di posta.',
  columns: { job: 'Attività', target: 'Per', domain: 'Dominio', state: 'Stato', created: 'In coda da', error: 'Ultimo errore' },
  kinds: {
    kick: 'Chiudere le sessioni dell’account',
    'kick-domain': 'Chiudere le sessioni del dominio',
    'delete-mail': 'Eliminare la posta di un account eliminato',
    'delete-domain-mail': 'Eliminare la posta di un dominio eliminato',
    'recalc-quota': 'Ricalcolare lo spazio usato',
  },
  states: { pending: 'In attesa', running: 'In corso', failed: 'Non riuscita' },
  nextTry: 'prossimo tentativo {when}',
  attempts: 'Tentativi: {count, number, grouped}',
  deletedDomain: 'dominio eliminato',
  noError: '—',
  retry: 'Riprova',
  retryLabel: 'Riprova l’attività {id}: {kind} per {target}',
  retried: 'L’attività {id} verrà eseguita di nuovo tra poco.',
  errors: {
    addressBeingCleared: 'La posta di un precedente account {address} è ancora in fase di eliminazione dal server di posta. Riprova tra un minuto (un amministratore vede l’attività in Attività dei server di posta).',
    domainBeingCleared: 'La posta di {domain}, eliminato poco fa, è ancora in fase di eliminazione dal server di posta. Riprova tra un minuto (il superadmin vede l’attività in Attività dei server di posta).',
  },
};
