import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template';

describe('renderTemplate', () => {
  it('fills variables (letters and digits in their names) and keeps or drops sections by their flags', () => {
    const template = 'port = {{pop3Port}}\n{{#tls}}\nssl = yes\n{{/tls}}\n{{^tls}}\nssl = no\n{{/tls}}\nend\n';
    expect(renderTemplate(template, { pop3Port: 110, tls: false })).toBe('port = 110\nssl = no\nend\n');
    expect(renderTemplate(template, { pop3Port: 995, tls: true })).toBe('port = 995\nssl = yes\nend\n');
  });

  it('refuses a variable or section without a value, and anything it does not understand', () => {
    expect(() => renderTemplate('a = {{missing}}\n', {})).toThrow(/missing/);
    expect(() => renderTemplate('{{#flag}}\nx\n{{/flag}}\n', {})).toThrow(/flag/);
    expect(() => renderTemplate('a = {{flag}}\n', { flag: true })).toThrow(/flag/);
    expect(() => renderTemplate('a = {{ spaced }}\n', { spaced: 'x' })).toThrow(/not understood/);
  });
});
