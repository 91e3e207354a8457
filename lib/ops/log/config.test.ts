import { describe, expect, it } from 'vitest';
import { logLevelFrom, prettyFrom } from './config';
import { capturingLogger } from './test-sink';

describe('the log level', () => {
  it('is info by default, LOG_LEVEL otherwise (any case), silent allowed, an unknown level ignored', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevelFrom({ LOG_LEVEL: ' WARN ' })).toBe('warn');
    expect(logLevelFrom({ LOG_LEVEL: 'silent' })).toBe('silent');
    expect(logLevelFrom({ LOG_LEVEL: 'verbose' })).toBe('info');
  });

  it('filters what the logger writes', () => {
    const { logger, captured } = capturingLogger({ LOG_LEVEL: 'warn' });
    logger.info('not shown');
    logger.warn('shown');
    expect(captured.lines.map((line) => line.msg)).toEqual(['shown']);
    const silent = capturingLogger({ LOG_LEVEL: 'silent' });
    silent.logger.fatal('nothing');
    expect(silent.captured.text).toBe('');
  });
});

describe('pretty output', () => {
  it('only in development or with LOG_PRETTY=1 (LOG_PRETTY=0 wins)', () => {
    expect(prettyFrom({ NODE_ENV: 'production' })).toBe(false);
    expect(prettyFrom({})).toBe(false);
    expect(prettyFrom({ NODE_ENV: 'development' })).toBe(true);
    expect(prettyFrom({ NODE_ENV: 'production', LOG_PRETTY: '1' })).toBe(true);
    expect(prettyFrom({ NODE_ENV: 'development', LOG_PRETTY: '0' })).toBe(false);
  });
});

describe('the JSON lines', () => {
  it('carry level, ISO time and message, and errors with their stack', () => {
    const { logger, captured } = capturingLogger();
    logger.error({ err: new Error('boom') }, 'failed');
    const [line] = captured.lines;
    expect(line).toMatchObject({ level: 50, msg: 'failed', err: { type: 'Error', message: 'boom' } });
    expect(String(line?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(String((line?.err as { stack: string }).stack)).toContain('config.test.ts');
  });

  it('redact secret-looking fields, at the top level and one level down (defence in depth)', () => {
    const { logger, captured } = capturingLogger();
    const secrets = ['pw-Secret-1', 'tok-Secret-2', 'otp-Secret-3', 'cookie-Secret-4', 'bearer-Secret-5', 'set-Secret-6', 'code-Secret-7'];
    logger.info({ password: secrets[0], token: secrets[1], user: { otpSecret: secrets[2] }, headers: { cookie: secrets[3], authorization: secrets[4] } }, 'one');
    logger.info({ res: { 'set-cookie': secrets[5] }, form: { code: secrets[6], newPassword: secrets[0] }, secret: secrets[2] }, 'two');
    logger.info({ req: { headers: { cookie: secrets[3], authorization: secrets[4] } } }, 'three');
    expect(captured.lines).toHaveLength(3);
    for (const secret of secrets) expect(captured.text).not.toContain(secret);
    expect(captured.text).toContain('[redacted]');
  });

  it('leave a failed query’s parameters out of an error (drizzle puts them in its message)', () => {
    const { logger, captured } = capturingLogger();
    class QueryError extends Error {
      constructor(
        readonly query: string,
        readonly params: unknown[],
        override readonly cause: unknown,
      ) {
        super(`Failed query: ${query}\nparams: ${params.join(',')}`);
      }
    }
    const driver = Object.assign(new Error('relation "sessions" does not exist'), { code: '42P01' });
    logger.error({ err: new QueryError('select 1 from sessions where secret = $1', ['session-Secret-9'], driver) }, 'failed');
    expect(captured.text).not.toContain('session-Secret-9');
    expect(captured.lines[0]).toMatchObject({ err: { message: 'Failed query: select 1 from sessions where secret = $1\nparams: [not logged]', params: '[not logged]' } });
    expect(JSON.stringify(captured.lines[0])).toContain('relation \\"sessions\\" does not exist');
  });
});

