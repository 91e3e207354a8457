import { describe, expect, it } from 'vitest';
import { SETTINGS_SECTIONS } from '@/lib/mailboxes/settings/access';
import { AUDIT_ACTION_CODES, auditActionLabel } from './action-labels';

describe('audit action labels', () => {
  it('has every code in both languages', () => {
    expect([...AUDIT_ACTION_CODES.it].sort()).toEqual([...AUDIT_ACTION_CODES.en].sort());
  });

  it('shows a sentence in the reader language, not the code', () => {
    expect(auditActionLabel('account.deactivate', 'en')).toBe('Deactivated the email account');
    expect(auditActionLabel('account.deactivate', 'it')).toBe("Ha disattivato l'account email");
    expect(auditActionLabel('mailbox.update.security', 'it')).toBe('Ha modificato le impostazioni di sicurezza');
  });

  it('shows an unknown code as it was recorded', () => {
    expect(auditActionLabel('something.new', 'it')).toBe('something.new');
  });
});

describe('every recorded action has a label', () => {
  it('covers each literal action code written by the data layer and the command-line scripts', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const files: string[] = [];
    for (const dir of ['lib', 'scripts']) {
      for (const f of await readdir(dir, { recursive: true })) if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts')) files.push(path.join(dir, f));
    }
    const codes = new Set<string>();
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (!/write(Cli)?Audit/.test(text)) continue; // scripts write theirs through scripts/cli.ts
      for (const match of text.matchAll(/action: (?:[\w.!]+ \? )?'([a-zA-Z.]+)'(?: : '([a-zA-Z.]+)')?/g)) {
        codes.add(match[1]!);
        if (match[2]) codes.add(match[2]);
      }
    }
    // The settings sections' codes are built from the section's name (lib/mailboxes/settings/access.ts).
    for (const section of SETTINGS_SECTIONS) {
      codes.add(`mailbox.update.${section}`);
      codes.add(`mailbox.updateOwn.${section}`);
    }
    codes.add('mailbox.updateOwn.localization');
    expect(codes.size).toBeGreaterThan(10);
    expect(codes).toContain('admin.reactivate');
    expect(codes).toContain('admin.otp.reset');
    const missing = [...codes].filter((code) => auditActionLabel(code, 'en') === code);
    expect(missing).toEqual([]);
  });
});
