import type { MailboxSettingsActions } from '@/components/mailbox-settings/mailbox-settings';
import {
  updateAutoresponderAction,
  updateGeneralAction,
  updateMasterDataAction,
  updateSecurityAction,
  updateWebmailAction,
} from './mailbox-settings-actions';

/** Which action saves each settings section: the same on an account's page and a postmaster's. */
export const mailboxSettingsActions: MailboxSettingsActions = {
  masterData: updateMasterDataAction,
  general: updateGeneralAction,
  security: updateSecurityAction,
  autoresponder: updateAutoresponderAction,
  webmail: updateWebmailAction,
};
