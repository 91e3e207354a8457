import { describe, expect, it } from 'vitest';
import { domainMailOf, homeOf, MailHomeError, mailRoot } from './mail-home';

describe('homeOf', () => {
  it('expands the Dovecot variables', () => {
    expect(homeOf('/var/vmail/%d/%n', 'bob@example.com')).toBe('/var/vmail/example.com/bob');
    expect(homeOf('/var/vmail/%Ld/%Ln', 'Bob@Example.com')).toBe('/var/vmail/example.com/bob');
    expect(homeOf('/srv/mail/%u', 'bob@example.com')).toBe('/srv/mail/bob@example.com');
    expect(homeOf('/srv/mail/%{domain}/%{username}/home', 'bob@example.com')).toBe('/srv/mail/example.com/bob/home');
    expect(homeOf('/srv/mail/100%%/%u', 'bob@example.com')).toBe('/srv/mail/100%/bob@example.com');
  });

  it('refuses addresses and templates that could leave the mail root', () => {
    expect(() => homeOf('/var/vmail/%d/%n', 'a/b@example.com')).toThrow(MailHomeError);
    expect(() => homeOf('/var/vmail/%d/%n', '..@example.com')).toThrow(MailHomeError);
    expect(() => homeOf('/var/vmail/%d/%n', 'bob@')).toThrow(MailHomeError);
    expect(() => homeOf('relative/%d/%n', 'bob@example.com')).toThrow(MailHomeError);
    expect(() => homeOf('/%u', 'bob@example.com')).toThrow(MailHomeError);
    expect(() => homeOf('/var/vmail/fixed', 'bob@example.com')).toThrow(MailHomeError);
    expect(() => homeOf('/var/vmail/%d/../../etc', 'bob@example.com')).toThrow(MailHomeError);
  });
});

describe('domainMailOf', () => {
  it('finds the domain directory or the domain’s entries', () => {
    const nested = domainMailOf('/var/vmail/%d/%n', 'example.com');
    expect(nested.dir).toBe('/var/vmail');
    expect(nested.entry.test('example.com')).toBe(true);
    expect(nested.entry.test('example.community')).toBe(false);
    expect(nested.entry.test('exampleXcom')).toBe(false);

    const flat = domainMailOf('/srv/mail/%u', 'example.com');
    expect(flat.dir).toBe('/srv/mail');
    expect(flat.entry.test('bob@example.com')).toBe(true);
    expect(flat.entry.test('bob@example.org')).toBe(false);
    expect(flat.entry.test('bob@sub.example.com')).toBe(false);
  });

  it('refuses a template without the domain in its first variable part', () => {
    expect(() => domainMailOf('/var/vmail/%n/%d', 'example.com')).toThrow(MailHomeError);
    expect(() => domainMailOf('/var/vmail/%d/%n', '../x')).toThrow(MailHomeError);
  });

  it('has a fixed root', () => {
    expect(mailRoot('/var/vmail/%d/%n')).toBe('/var/vmail');
    expect(mailRoot('/var/vm%d/%n')).toBe('/var');
  });
});
