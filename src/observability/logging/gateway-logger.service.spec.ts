import type { CallEvent } from '../events/call-event';
import { CapturedLines, configFrom } from '../testing/observability-test.helpers';
import { GatewayLoggerService } from './gateway-logger.service';

describe('GatewayLoggerService', () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved;
  });

  function make(yaml = 'model_list: []') {
    const out = new CapturedLines();
    return { out, logger: new GatewayLoggerService(configFrom(yaml), out) };
  }

  it('writes JSON lines with level, time, message, context and fields', () => {
    delete process.env.LOG_LEVEL;
    const { out, logger } = make();
    logger.log('listening', { port: 4000 }, 'Gateway');
    expect(out.lines[0]).toMatchObject({ level: 'info', msg: 'listening', port: 4000, context: 'Gateway' });
    expect(typeof out.lines[0].time).toBe('string');
  });

  it.each([
    ['default', undefined, 'model_list: []', 'info'],
    ['from config', undefined, 'model_list: []\nlogging: {level: warn}', 'warn'],
    ['LOG_LEVEL wins over config', 'debug', 'model_list: []\nlogging: {level: warn}', 'debug'],
    ['an unknown LOG_LEVEL falls back to config', 'loud', 'model_list: []\nlogging: {level: error}', 'error'],
  ])('level: %s', (_name, env, yaml, expected) => {
    if (env === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = env;
    expect(make(yaml).logger.level).toBe(expected);
  });

  it('skips lines below the level', () => {
    process.env.LOG_LEVEL = 'warn';
    const { out, logger } = make();
    logger.log('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    expect(out.lines.map((l) => l.msg)).toEqual(['shown']);
  });

  it('redacts secrets in messages, fields and errors', () => {
    delete process.env.LOG_LEVEL;
    const { out, logger } = make();
    logger.log('calling with Authorization: Bearer sk-abcdefghijklmnop', { headers: { 'api-key': 'azurekey123' }, api_key: 'x' });
    logger.error(new Error('upstream rejected sk-ant-api03-abcdefghijkl'), 'Router');
    const text = out.text.join('');
    expect(text).not.toContain('sk-abcdefghijklmnop');
    expect(text).not.toContain('azurekey123');
    expect(text).not.toContain('sk-ant-api03-abcdefghijkl');
    expect(out.lines[1]).toMatchObject({ level: 'error', context: 'Router', err: { type: 'Error' } });
  });

  it('takes Nest error(message, stack, context)', () => {
    delete process.env.LOG_LEVEL;
    const { out, logger } = make();
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(out.lines[0]).toMatchObject({ msg: 'boom', stack: 'Error: boom\n    at x', context: 'ExceptionsHandler' });
  });

  it('writes one access line per call without bodies', () => {
    delete process.env.LOG_LEVEL;
    const { out, logger } = make();
    logger.access({
      request_id: 'r1',
      route: 'chat.completions',
      model: 'gpt-4o',
      deployment_id: 'd1',
      provider: 'openai',
      http_status: 200,
      status: 'success',
      response_ms: 12.5,
      time_to_first_token_ms: null,
      attempts: 2,
      fallback_from: null,
      stream: false,
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      input: [{ role: 'user', content: 'private words' }],
      output: { role: 'assistant', content: 'private answer' },
      metadata: {},
      key_alias: null,
      team_id: null,
      cost: null,
      error: null,
    } as CallEvent);
    expect(out.lines[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      request_id: 'r1',
      route: 'chat.completions',
      model: 'gpt-4o',
      deployment_id: 'd1',
      status: 200,
      latency_ms: 12.5,
      attempts: 2,
    });
    expect(out.text.join('')).not.toContain('private');
  });
});
