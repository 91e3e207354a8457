import type { Language } from '@/lib/mail/services';

// What the audit log shows for each recorded action code. Codes are stored as written (they are part of
// the log's data); an unknown code (one recorded by a newer version, say) is shown as it is.
const en: Record<string, string> = {
  'account.create': 'Created the email account',
  'account.delete': 'Deleted the email account',
  'account.deactivate': 'Deactivated the email account',
  'account.reactivate': 'Reactivated the email account',
  'accounts.import': 'Imported email accounts from a CSV file',
  'admin.create': 'Created the admin',
  'admin.deactivate': 'Deactivated the admin',
  'admin.reactivate': 'Reactivated the admin',
  'admin.updateOwn.localization': 'Changed own language and time zone',
  'admin.password.changeOwn': 'Changed own password',
  'admin.otp.enable': 'Turned on own two-step sign-in',
  'admin.otp.disable': 'Turned off own two-step sign-in',
  'apiToken.create': 'Created an API token',
  'apiToken.revoke': 'Revoked an API token',
  'domain.create': 'Added the domain',
  'domain.update': 'Changed the domain',
  'domain.deactivate': 'Deactivated the domain',
  'domain.reactivate': 'Reactivated the domain',
  'domain.delete': 'Deleted the domain',
  'postmaster.create': 'Created the postmaster',
  'plan.create': 'Created the plan',
  'plan.update': 'Changed the plan',
  'plan.delete': 'Deleted the plan',
  'mailbox.otp.reset': 'Reset two-step sign-in',
  'mailbox.otp.enable': 'Turned on own two-step sign-in',
  'mailbox.otp.disable': 'Turned off own two-step sign-in',
  'mailbox.password.changeOwn': 'Changed own password',
  'mailbox.password.recoveryRequested': 'Asked for a password recovery link',
  'mailbox.password.recovered': 'Set a new password with a recovery link',
  'mailbox.update.masterData': 'Changed the master data',
  'mailbox.update.general': 'Changed the general settings',
  'mailbox.update.security': 'Changed the security settings',
  'mailbox.update.autoresponder': 'Changed the autoresponder',
  'mailbox.update.webmail': 'Changed the webmail settings',
  'mailbox.updateOwn.localization': 'Changed own language and time zone',
  'mailbox.updateOwn.autoresponder': 'Changed own autoresponder',
  'mailbox.updateOwn.webmail': 'Changed own webmail settings',
};

const it: Record<string, string> = {
  'account.create': "Ha creato l'account email",
  'account.delete': "Ha eliminato l'account email",
  'account.deactivate': "Ha disattivato l'account email",
  'account.reactivate': "Ha riattivato l'account email",
  'accounts.import': 'Ha importato account email da un file CSV',
  'admin.create': "Ha creato l'amministratore",
  'admin.deactivate': "Ha disattivato l'amministratore",
  'admin.reactivate': "Ha riattivato l'amministratore",
  'admin.updateOwn.localization': 'Ha cambiato la propria lingua e il fuso orario',
  'admin.password.changeOwn': 'Ha cambiato la propria password',
  'admin.otp.enable': "Ha attivato il proprio accesso in due passaggi",
  'admin.otp.disable': "Ha disattivato il proprio accesso in due passaggi",
  'apiToken.create': 'Ha creato un token API',
  'apiToken.revoke': 'Ha revocato un token API',
  'domain.create': 'Ha aggiunto il dominio',
  'domain.update': 'Ha modificato il dominio',
  'domain.deactivate': 'Ha disattivato il dominio',
  'domain.reactivate': 'Ha riattivato il dominio',
  'domain.delete': 'Ha eliminato il dominio',
  'postmaster.create': 'Ha creato il postmaster',
  'plan.create': 'Ha creato il piano',
  'plan.update': 'Ha modificato il piano',
  'plan.delete': 'Ha eliminato il piano',
  'mailbox.otp.reset': "Ha azzerato l'accesso in due passaggi",
  'mailbox.otp.enable': "Ha attivato il proprio accesso in due passaggi",
  'mailbox.otp.disable': "Ha disattivato il proprio accesso in due passaggi",
  'mailbox.password.changeOwn': 'Ha cambiato la propria password',
  'mailbox.password.recoveryRequested': 'Ha chiesto un link per recuperare la password',
  'mailbox.password.recovered': 'Ha impostato una nuova password con il link di recupero',
  'mailbox.update.masterData': 'Ha modificato i dati anagrafici',
  'mailbox.update.general': 'Ha modificato le impostazioni generali',
  'mailbox.update.security': 'Ha modificato le impostazioni di sicurezza',
  'mailbox.update.autoresponder': 'Ha modificato la risposta automatica',
  'mailbox.update.webmail': 'Ha modificato le impostazioni della webmail',
  'mailbox.updateOwn.localization': 'Ha cambiato la propria lingua e il fuso orario',
  'mailbox.updateOwn.autoresponder': 'Ha modificato la propria risposta automatica',
  'mailbox.updateOwn.webmail': 'Ha modificato le proprie impostazioni della webmail',
};

const LABELS: Record<Language, Record<string, string>> = { en, it };

export function auditActionLabel(action: string, language: Language): string {
  return LABELS[language][action] ?? LABELS.en[action] ?? action;
}

/** For the tests: every code with a label in one language has one in the other. */
export const AUDIT_ACTION_CODES = { en: Object.keys(en), it: Object.keys(it) };
