import type { MailServerSettings } from './settings';
import type { TemplateValues } from './template';

// Implicit TLS (RFC 8314) beside STARTTLS: IMAPS, POP3S and submissions listen only when a certificate is
// given; without one their ports stay closed (Dovecot's listeners at port 0, no submissions service).

export function implicitTlsValues(settings: MailServerSettings): TemplateValues {
  return {
    imapsPort: settings.tls ? settings.ports.imaps : 0,
    pop3sPort: settings.tls ? settings.ports.pop3s : 0,
    submissionsPort: settings.ports.submissions,
  };
}
