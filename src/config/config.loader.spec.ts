import { ConfigError } from './config-error';
import { parseConfig } from './config.loader';

const load = (yaml: string, env: NodeJS.ProcessEnv = {}) => parseConfig(yaml, 'cfg.yaml', { env });
const problem = (yaml: string, env: NodeJS.ProcessEnv = {}): string => {
  try {
    load(yaml, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('config loader', () => {
  it('loads a LiteLLM config and resolves os.environ references', () => {
    const cfg = load(
      `
model_list:
  - model_name: gpt-4o
    litellm_params: {model: azure/my-gpt4o, api_base: https://eu.example.com, api_key: os.environ/AZ_KEY, api_version: "2024-06-01", rpm: 600}
    model_info: {id: azure-eu-1}
  - model_name: gpt-4o
    litellm_params: {model: gpt-4o}
    tpm: 1000
router_settings: {routing_strategy: least-busy, num_retries: 2, fallbacks: [{gpt-4o: [gpt-4o-mini]}]}
general_settings: {master_key: sk-master}
`,
      { AZ_KEY: 'secret-az' },
    );
    expect(cfg.deployments).toHaveLength(2);
    expect(cfg.deployments[0]).toMatchObject({ id: 'azure-eu-1', provider: 'azure', upstreamModel: 'my-gpt4o', params: { api_key: 'secret-az', rpm: 600 } });
    expect(cfg.deployments[1]).toMatchObject({ provider: 'openai', upstreamModel: 'gpt-4o', params: { tpm: 1000 } });
    expect(cfg.deployments[1].id).toMatch(/^[0-9a-f]{16}$/);
    expect(cfg.router.routing_strategy).toBe('least-busy');
    expect(cfg.masterKey).toBe('sk-master');
  });

  it.each([
    ['model_list: [{model_name: a, litellm_params: {model: 42}}]', 'model_list[0].litellm_params.model: expected a string (got number 42)'],
    ['model_list: [{model_name: a, litellm_params: {}}]', 'model_list[0].litellm_params.model: is required'],
    ['model_list: [{model_name: a, litellm_params: {model: x}}, {model_name: b}]', 'model_list[1].litellm_params: is required'],
    ['model_list: [{model_name: a, litellm_params: {model: nope/x}}]', "model_list[0].litellm_params.model: unknown provider 'nope'"],
    ['model_list: [{model_name: a, litellm_params: {model: x, timeout: fast}}]', 'model_list[0].litellm_params.timeout: expected a number greater than 0 (got string "fast")'],
    ['model_list: {a: 1}', 'model_list: expected a list'],
    ['router_settings: {routing_strategy: random}\nmodel_list: []', 'router_settings.routing_strategy: expected one of simple-shuffle'],
    ['model_list: []\nrouter_settings: {fallbacks: [{a: b}]}', 'router_settings.fallbacks: expected a list of {model_name: [fallback model names]}'],
    ['model_list: []\nlogging: {sinks: [{type: kafka}]}', 'logging.sinks[0].type: expected one of stdout, file, webhook, langfuse (got "kafka")'],
    ['model_list: []\nlogging: {sinks: [{type: webhook}]}', 'logging.sinks[0].url: is required'],
    ['model_list: []\nrouter_settings: {redis_required_for_readiness: maybe}', 'router_settings.redis_required_for_readiness: expected true or false'],
    ['model_list: []\ngeneral_settings: {shutdown_delay_seconds: -1}', 'general_settings.shutdown_delay_seconds: expected a number ≥ 0'],
    ['model_list: []\ngeneral_settings: {master_key: os.environ/NOPE}', 'general_settings.master_key: environment variable NOPE is not set'],
    ['model_list: [{model_name: a, litellm_params: {model: x}, model_info: {id: d}}, {model_name: b, litellm_params: {model: y}, model_info: {id: d}}]', "model_list[1].model_info.id: duplicate deployment id 'd'"],
  ])('refuses %s', (yaml, message) => {
    const text = problem(yaml);
    expect(text).toContain('Invalid config file cfg.yaml: ');
    expect(text).toContain(message);
  });

  it('takes a Redis port from the environment (a string of digits)', () => {
    expect(load('model_list: []\nrouter_settings: {redis_host: r, redis_port: os.environ/RP}', { RP: '6380' }).router.redis_port).toBe('6380');
    expect(problem('model_list: []\nrouter_settings: {redis_port: abc}')).toContain('router_settings.redis_port: expected a number');
  });

  it('names the line of a YAML syntax error', () => {
    expect(problem('model_list:\n  - model_name: a\n   bad: [')).toMatch(/YAML syntax error at line \d+, column \d+/);
  });

  it('never prints a secret value in a message', () => {
    expect(problem('model_list: [{model_name: a, litellm_params: {model: x, api_key: 12345}}]')).not.toContain('12345');
  });

  it('loads a deployment whose key variable is unset, with a warning naming it', () => {
    const cfg = load('model_list: [{model_name: a, litellm_params: {model: gpt-4o, api_key: os.environ/OPENAI_KEY_UNSET}}]');
    expect(cfg.deployments[0].missingEnv).toEqual(['OPENAI_KEY_UNSET']);
    expect(cfg.warnings.join('\n')).toContain('OPENAI_KEY_UNSET');
  });

  it('turns litellm_settings.success_callback langfuse into a langfuse sink from LANGFUSE_* variables', () => {
    const cfg = load('model_list: []\nlitellm_settings: {success_callback: [langfuse]}', {
      LANGFUSE_PUBLIC_KEY: 'pk',
      LANGFUSE_SECRET_KEY: 'sk',
      LANGFUSE_HOST: 'http://lf',
    });
    expect(cfg.logging.sinks).toEqual([expect.objectContaining({ type: 'langfuse', host: 'http://lf', public_key: 'pk', secret_key: 'sk' })]);
  });

  it('falls back to GATEWAY_MASTER_KEY and warns when serving openly', () => {
    expect(load('model_list: []', { GATEWAY_MASTER_KEY: 'k' }).masterKey).toBe('k');
    expect(load('model_list: []').warnings.join()).toContain('without authentication');
  });
});
