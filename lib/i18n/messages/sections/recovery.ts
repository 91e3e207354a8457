import type { Widen } from '../widen';

// Password recovery ("Forgot password"), its e-mail, and the password policy's common-password refusal.
export const recoveryEn = {
  forgotLink: 'Forgot your password?',
  backToSignIn: 'Back to sign-in',
  forgot: {
    title: 'Forgot your password?',
    intro: 'Enter your email address. If the account can recover its password, a link to choose a new one is sent to its recovery address.',
    address: 'Email address',
    submit: 'Send the link',
    sent: 'If the address belongs to an account that can recover its password, a link has been sent to its recovery address. It is valid for 30 minutes and can be used once. Nothing arrived? Ask your postmaster or administrator.',
  },
  reset: {
    title: 'Choose a new password',
    intro: 'Choose a new password for {address}. A long passphrase is best.',
    new: 'New password',
    newHint: '12 to 72 bytes. It may not contain your address or your domain name, nor be a very common password.',
    confirm: 'Repeat the new password',
    submit: 'Set the new password',
    done: 'Your password has been changed and every session of the account was signed out. You can sign in with the new password.',
    invalidTitle: 'This link cannot be used',
    requestNew: 'Ask for a new link',
  },
  linkInvalid: 'This link is not valid: it has expired, has already been used, or was replaced by a newer one. Ask for a new link.',
  throttled: 'Too many requests. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  commonPassword: 'This password is among the most common ones: choose another.',
  field: {
    label: 'Recovery address',
    hint: 'Where “Forgot password” sends its link: an address outside this account. Empty: the password cannot be recovered by e-mail.',
    sameAsAccount: 'Choose an address other than the account’s own: the link must arrive where it can be read without this password.',
  },
  mail: {
    subject: 'Choose a new password for {address}',
    body:
      'Hello,\n\nsomeone (hopefully you) asked to choose a new password for the email account {address}.\n\nOpen this link to choose it:\n{link}\n\nThe link is valid for {minutes, plural, one {# minute} other {# minutes}} and can be used once. If you did not ask for it, ignore this message: your password stays as it is.\n\n— mailpanel',
  },
};

export const recoveryIt: Widen<typeof recoveryEn> = {
  forgotLink: 'Password dimenticata?',
  backToSignIn: 'Torna all’accesso',
  forgot: {
    title: 'Password dimenticata?',
    intro: 'Inserisci il tuo indirizzo email. Se l’account può recuperare la password, all’indirizzo di recupero viene inviato un link per sceglierne una nuova.',
    address: 'Indirizzo email',
    submit: 'Invia il link',
    sent: 'Se l’indirizzo appartiene a un account che può recuperare la password, è stato inviato un link al suo indirizzo di recupero. Vale 30 minuti e si può usare una volta sola. Non è arrivato nulla? Chiedi al postmaster o all’amministratore.',
  },
  reset: {
    title: 'Scegli una nuova password',
    intro: 'Scegli una nuova password per {address}. Una frase lunga è la scelta migliore.',
    new: 'Nuova password',
    newHint: 'Da 12 a 72 byte. Non può contenere il tuo indirizzo né il nome del tuo dominio, né essere una password molto comune.',
    confirm: 'Ripeti la nuova password',
    submit: 'Imposta la nuova password',
    done: 'La password è stata cambiata e tutte le sessioni dell’account sono state chiuse. Puoi accedere con la nuova password.',
    invalidTitle: 'Questo link non si può usare',
    requestNew: 'Chiedi un nuovo link',
  },
  linkInvalid: 'Questo link non è valido: è scaduto, è già stato usato oppure ne è stato chiesto uno più recente. Chiedi un nuovo link.',
  throttled: 'Troppe richieste. Riprova tra {minutes, plural, one {# minuto} other {# minuti}}.',
  commonPassword: 'Questa password è tra le più comuni: scegline un’altra.',
  field: {
    label: 'Indirizzo di recupero',
    hint: 'Dove “Password dimenticata” invia il link: un indirizzo esterno a questo account. Vuoto: la password non si può recuperare via email.',
    sameAsAccount: 'Scegli un indirizzo diverso da quello dell’account: il link deve arrivare dove si può leggere senza questa password.',
  },
  mail: {
    subject: 'Scegli una nuova password per {address}',
    body:
      'Ciao,\n\nqualcuno (speriamo tu) ha chiesto di scegliere una nuova password per l’account email {address}.\n\nApri questo link per sceglierla:\n{link}\n\nIl link vale {minutes, plural, one {# minuto} other {# minuti}} e si può usare una volta sola. Se non l’hai chiesto tu, ignora questo messaggio: la password resta quella di prima.\n\n— mailpanel',
  },
};
