import { describe, expect, it } from 'vitest';
import { formatPrincipal, parsePrincipal } from './caller';

describe('principal references', () => {
  it('round-trips and refuses anything else', () => {
    expect(parsePrincipal(formatPrincipal({ kind: 'mailbox', id: 42 }))).toEqual({ kind: 'mailbox', id: 42 });
    for (const bad of ['admin:0', 'admin:-1', 'root:1', 'admin:1 ', 'admin:99999999999', 42, null, undefined]) {
      expect(parsePrincipal(bad)).toBeNull();
    }
  });
});
