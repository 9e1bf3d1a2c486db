import { parseConfig } from '../config/config.loader';
import { diffConfigs, summarizeDiff } from './config-diff';

const load = (yaml: string) => parseConfig(yaml, 'test.yaml', { env: { KEY_A: 'sk-secret-a', KEY_B: 'sk-secret-b' } });

const before = load(`
model_list:
  - {model_name: a, litellm_params: {model: openai/x, api_key: os.environ/KEY_A}}
  - {model_name: b, litellm_params: {model: openai/y, rpm: 10}}
  - {model_name: c, litellm_params: {model: openai/z}}
router_settings: {num_retries: 1}
`);

describe('diffConfigs', () => {
  it('names models added, removed and changed, and the settings keys that changed', () => {
    const after = load(`
model_list:
  - {model_name: a, litellm_params: {model: openai/x, api_key: os.environ/KEY_B}}
  - {model_name: b, litellm_params: {model: openai/y, rpm: 10}}
  - {model_name: d, litellm_params: {model: openai/w}}
router_settings: {num_retries: 2, cooldown_time: 5}
`);
    const diff = diffConfigs(before, after);
    expect(diff.models).toEqual({ added: ['d'], removed: ['c'], changed: ['a'], unchanged: 1 });
    expect(diff.router_settings).toEqual(['cooldown_time', 'num_retries']);
    expect(diff.deployments).toEqual({ before: 3, after: 3 });
    const line = summarizeDiff(diff);
    expect(line).toContain('models added: d; removed: c; changed: a; unchanged: 1');
    expect(line).toContain('router_settings changed: cooldown_time, num_retries');
    expect(line).not.toMatch(/sk-secret/);
  });

  it('reports nothing for the same config', () => {
    const diff = diffConfigs(before, before);
    expect(diff.models).toEqual({ added: [], removed: [], changed: [], unchanged: 3 });
    expect(summarizeDiff(diff)).toBe('models added: none; removed: none; changed: none; unchanged: 3; deployments 3 -> 3');
  });
});
