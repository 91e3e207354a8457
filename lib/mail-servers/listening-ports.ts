import type { MailServerSettings } from './settings';

/** The ports that listen for this configuration (the implicit-TLS ones only with a certificate, postsrsd's only with SRS). */
export function listeningPorts(settings: Pick<MailServerSettings, 'ports' | 'tls' | 'srs'>): Partial<MailServerSettings['ports']> {
  const { imaps, pop3s, submissions, srsForward, srsReverse, ...always } = settings.ports;
  return {
    ...always,
    ...(settings.tls ? { imaps, pop3s, submissions } : {}),
    ...(settings.srs ? { srsForward, srsReverse } : {}),
  };
}
