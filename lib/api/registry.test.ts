import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { API_OPERATIONS } from './registry';

describe('API operations', () => {
  it('each names a permission from the table, except the public document', () => {
    const missing = API_OPERATIONS.filter((op) => !op.public && !(op.permission && op.permission in PERMISSIONS)).map((op) => op.id);
    expect(missing).toEqual([]);
    expect(API_OPERATIONS.filter((op) => op.public).map((op) => op.id)).toEqual(['getOpenApiDocument']);
  });

  it('asks a write permission of every write on the panel’s data', () => {
    const readOnly = API_OPERATIONS.filter((op) => op.method !== 'GET' && op.permission?.endsWith(':read')).map((op) => op.id);
    expect(readOnly).toEqual([]);
  });
});
