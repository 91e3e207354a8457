import type { Widen } from '../widen';

// "My settings": what every signed-in account changes for itself.
export const selfServiceEn = {
  title: 'My settings',
  intro: 'Your own settings for {address}.',
  localization: {
    title: 'Panel language and time zone',
    intro: 'The language this panel speaks to you, and the time zone it shows dates and times in.',
    language: 'Language',
    timeZone: 'Time zone',
    save: 'Save language and time zone',
  },
  webmail: {
    title: 'Webmail',
    intro: 'The language, time zone and formats of your webmail.',
  },
  autoresponder: {
    title: 'Autoresponder',
    intro: 'An automatic reply to every message you receive, for the time you choose.',
  },
  security: {
    title: 'Sign-in security',
    intro: 'Your password and two-step sign-in.',
    password: 'Change password',
    passwordDisabled: 'Changing the password is disabled for this account: ask your postmaster or administrator.',
    otp: 'Two-step sign-in',
    otpOn: 'On',
    otpOff: 'Off',
  },
};

export const selfServiceIt: Widen<typeof selfServiceEn> = {
  title: 'Le mie impostazioni',
  intro: 'Le tue impostazioni per {address}.',
  localization: {
    title: 'Lingua e fuso orario del pannello',
    intro: 'La lingua in cui il pannello ti parla e il fuso orario in cui mostra date e orari.',
    language: 'Lingua',
    timeZone: 'Fuso orario',
    save: 'Salva lingua e fuso orario',
  },
  webmail: {
    title: 'Webmail',
    intro: 'La lingua, il fuso orario e i formati della tua webmail.',
  },
  autoresponder: {
    title: 'Risposta automatica',
    intro: 'Una risposta automatica a ogni messaggio che ricevi, per il periodo che scegli.',
  },
  security: {
    title: 'Sicurezza dell’accesso',
    intro: 'La tua password e l’accesso in due passaggi.',
    password: 'Cambia password',
    passwordDisabled: 'Il cambio della password è disattivato per questo account: chiedi al postmaster o all’amministratore.',
    otp: 'Accesso in due passaggi',
    otpOn: 'Attivo',
    otpOff: 'Non attivo',
  },
};
