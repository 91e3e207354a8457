import { describe, expect, it } from 'vitest';
import { unroutedApiRequest, unroutedApiResponse } from './unrouted';

describe('unroutedApiRequest (against the registry)', () => {
  it('leaves to Next what an operation serves, and what is not the API’s', () => {
    expect(unroutedApiRequest('GET', '/api/v1/domains?q=a')).toBeNull();
    expect(unroutedApiRequest('POST', '/api/v1/domains')).toBeNull();
    expect(unroutedApiRequest('DELETE', '/api/v1/domains/12?confirmName=x')).toBeNull();
    // A path id that is not one still reaches its operation (which answers 404 problem+json itself).
    expect(unroutedApiRequest('GET', '/api/v1/domains/abc')).toBeNull();
    expect(unroutedApiRequest('HEAD', '/api/v1/me')).toBeNull();
    expect(unroutedApiRequest('OPTIONS', '/api/v1/me')).toBeNull();
    expect(unroutedApiRequest('GET', '/api/v1/openapi.json')).toBeNull();
    expect(unroutedApiRequest('GET', '/api/v1/domains/')).toBeNull();
    expect(unroutedApiRequest('GET', '/domains')).toBeNull();
    expect(unroutedApiRequest('POST', '/api/auth/signin')).toBeNull();
    expect(unroutedApiRequest('GET', '/api/v1x/domains')).toBeNull();
  });

  it('finds a path no operation has', () => {
    for (const url of ['/api/v1', '/api/v1/nope', '/api/v1/domains/1/nope', '/api/v1/domains/1/accounts/2', '/api/v1/%64omainsx']) {
      expect(unroutedApiRequest('GET', url), url).toEqual({ kind: 'notFound' });
    }
  });

  it('finds a method the path does not take, with the methods it does', () => {
    expect(unroutedApiRequest('PATCH', '/api/v1/domains/3')).toEqual({ kind: 'methodNotAllowed', allow: ['DELETE', 'GET', 'HEAD', 'OPTIONS'] });
    expect(unroutedApiRequest('DELETE', '/api/v1/domains')).toEqual({ kind: 'methodNotAllowed', allow: ['GET', 'HEAD', 'OPTIONS', 'POST'] });
    expect(unroutedApiRequest('GET', '/api/v1/domains/3/deactivate')).toEqual({ kind: 'methodNotAllowed', allow: ['OPTIONS', 'POST'] });
  });
});

describe('unroutedApiResponse', () => {
  it('is problem+json: 404, or 405 with Allow, in the language asked for', async () => {
    const missing = unroutedApiResponse({ kind: 'notFound' }, 'GET', 'it');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Non trovato' });

    const method = unroutedApiResponse({ kind: 'methodNotAllowed', allow: ['GET', 'HEAD', 'OPTIONS'] }, 'PATCH', 'en');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(method.headers.get('content-type')).toBe('application/problem+json');
    expect(await method.json()).toEqual({
      type: '/api-docs#problem-methodNotAllowed',
      title: 'Method not allowed',
      status: 405,
      detail: 'This address does not take PATCH. It takes: GET, HEAD, OPTIONS.',
    });
  });
});
