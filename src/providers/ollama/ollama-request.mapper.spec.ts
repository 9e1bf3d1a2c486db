import { InvalidRequestError } from '../../common/errors';
import type { ChatCompletionRequest, ToolDefinition } from '../../common/openai/openai.types';
import { buildDeployment } from '../../deployments/deployment.factory';
import { toOllamaRequest } from './ollama-request.mapper';

const deployment = (extra: Record<string, unknown> = {}) =>
  buildDeployment({ model_name: 'local', litellm_params: { model: 'ollama/llama3.2', ...extra } });
const base = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'local',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const tool: ToolDefinition = { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' }, strict: true } };

describe('toOllamaRequest', () => {
  it.each([true, false])('always sends stream=%s (Ollama streams by default)', (stream) => {
    expect(toOllamaRequest(base(), deployment(), stream)).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream });
  });

  it.each([
    [{ temperature: 0 }, { temperature: 0 }],
    [{ top_p: 0.5 }, { top_p: 0.5 }],
    [{ seed: 1 }, { seed: 1 }],
    [{ stop: 'x' }, { stop: ['x'] }],
    [{ stop: ['x', 'y'] }, { stop: ['x', 'y'] }],
    [{ max_tokens: 10 }, { num_predict: 10 }],
    [{ max_completion_tokens: 5, max_tokens: 10 }, { num_predict: 5 }],
    [{ presence_penalty: 1, frequency_penalty: -1 }, { presence_penalty: 1, frequency_penalty: -1 }],
    [{ top_k: 3, min_p: 0.1, num_ctx: 4096, repeat_penalty: 1.1, repeat_last_n: 64 }, { top_k: 3, min_p: 0.1, num_ctx: 4096, repeat_penalty: 1.1, repeat_last_n: 64 }],
  ])('options from %j', (req, options) => {
    expect(toOllamaRequest(base(req as Partial<ChatCompletionRequest>), deployment(), false).options).toEqual(options);
  });

  it.each([
    [{ type: 'json_object' }, 'json'],
    [{ type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } }, { type: 'object' }],
    [{ type: 'json_schema', json_schema: { name: 'x' } }, 'json'],
    [{ type: 'text' }, undefined],
  ])('response_format %j -> format %j', (rf, format) => {
    expect(toOllamaRequest(base({ response_format: rf as ChatCompletionRequest['response_format'] }), deployment(), false).format).toEqual(format);
  });

  it('sends tools without strict; none sends no tools', () => {
    expect(toOllamaRequest(base({ tools: [tool] }), deployment(), false).tools).toEqual([
      { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' } } },
    ]);
    expect(toOllamaRequest(base({ tools: [tool], tool_choice: 'auto' }), deployment(), false).tools).toHaveLength(1);
    expect(toOllamaRequest(base({ tools: [tool], tool_choice: 'none' }), deployment(), false)).not.toHaveProperty('tools');
  });

  it('passes keep_alive and ignores user', () => {
    const body = toOllamaRequest(base({ keep_alive: 0, user: 'u' }), deployment(), false);
    expect(body.keep_alive).toBe(0);
    expect(body).not.toHaveProperty('user');
  });

  describe('parameters Ollama cannot take', () => {
    it.each([
      ['n', 2],
      ['logprobs', true],
      ['top_logprobs', 1],
      ['logit_bias', { '1': 1 }],
      ['parallel_tool_calls', false],
      ['tool_choice', 'required'],
      ['tool_choice', { type: 'function', function: { name: 'f' } }],
      ['reasoning_effort', 'medium'],
    ])('refuses %s=%j, or drops it with drop_params', (param, value) => {
      const req = base({ tools: [tool], [param]: value });
      let error: unknown;
      try {
        toOllamaRequest(req, deployment(), false);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ param, provider: 'ollama', status: 400 });
      const dropped = toOllamaRequest(req, deployment({ drop_params: true }), false);
      expect(dropped).not.toHaveProperty(param);
      expect(dropped.tools).toHaveLength(1);
    });
  });
});
