import { InvalidRequestError } from '../../common/errors';
import type { ChatCompletionRequest, ToolDefinition } from '../../common/openai/openai.types';
import { buildDeployment } from '../../deployments/deployment.factory';
import { toCohereRequest, toolFields } from './cohere-request.mapper';

const deployment = (extra: Record<string, unknown> = {}) =>
  buildDeployment({ model_name: 'command', litellm_params: { model: 'cohere/command-r', ...extra } });
const base = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'command',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const f: ToolDefinition = { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' } } };
const g: ToolDefinition = { type: 'function', function: { name: 'g', strict: true } };

describe('toCohereRequest', () => {
  it('sends only the model and messages for a bare request', () => {
    expect(toCohereRequest(base(), deployment(), false)).toEqual({ model: 'command-r', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it.each([
    [{ max_completion_tokens: 5, max_tokens: 9 }, { max_tokens: 5 }],
    [{ max_tokens: 9 }, { max_tokens: 9 }],
    [{ stop: 'x' }, { stop_sequences: ['x'] }],
    [{ stop: ['x', 'y'] }, { stop_sequences: ['x', 'y'] }],
    [{ top_p: 0.5 }, { p: 0.5 }],
    [{ temperature: 0 }, { temperature: 0 }],
    [{ seed: 3 }, { seed: 3 }],
    [{ frequency_penalty: 0.1, presence_penalty: 0.2 }, { frequency_penalty: 0.1, presence_penalty: 0.2 }],
    [{ k: 10, safety_mode: 'STRICT' }, { k: 10, safety_mode: 'STRICT' }],
    [{ response_format: { type: 'json_object' } }, { response_format: { type: 'json_object' } }],
    [
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } },
      { response_format: { type: 'json_object', json_schema: { type: 'object' } } },
    ],
  ])('maps %j to %j', (req, expected) => {
    expect(toCohereRequest(base(req as Partial<ChatCompletionRequest>), deployment(), false)).toMatchObject(expected);
  });

  it.each([[{ user: 'u' }], [{ response_format: { type: 'text' } }], [{ something_else: 1 }]])('sends nothing for %j', (req) => {
    expect(toCohereRequest(base(req as Partial<ChatCompletionRequest>), deployment(), false)).toEqual({
      model: 'command-r',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('sets stream only when streaming', () => {
    expect(toCohereRequest(base(), deployment(), true).stream).toBe(true);
  });

  describe('parameters Cohere cannot take', () => {
    it.each([
      ['n', 2],
      ['logprobs', true],
      ['top_logprobs', 2],
      ['logit_bias', { '1': 1 }],
      ['parallel_tool_calls', false],
      ['reasoning_effort', 'low'],
    ])('refuses %s=%j naming it, or drops it with drop_params', (param, value) => {
      const req = base({ [param]: value });
      expect(() => toCohereRequest(req, deployment(), false)).toThrow(InvalidRequestError);
      expect(() => toCohereRequest(req, deployment(), false)).toThrow(expect.objectContaining({ param, provider: 'cohere' }));
      expect(toCohereRequest(req, deployment({ drop_params: true }), false)).not.toHaveProperty(param);
    });

    it.each([
      ['n', 1],
      ['logprobs', false],
      ['parallel_tool_calls', true],
    ])('accepts the default %s=%j', (param, value) => {
      expect(() => toCohereRequest(base({ [param]: value }), deployment(), false)).not.toThrow();
    });
  });
});

describe('toolFields', () => {
  const tf = { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' } } };
  const tg = { type: 'function', function: { name: 'g' } };
  it.each([
    ['no choice', undefined, { tools: [tf, tg] }],
    ['auto', 'auto', { tools: [tf, tg] }],
    ['none', 'none', { tools: [tf, tg], tool_choice: 'NONE' }],
    ['required', 'required', { tools: [tf, tg], tool_choice: 'REQUIRED' }],
    ['a named function', { type: 'function', function: { name: 'g' } }, { tools: [tg], tool_choice: 'REQUIRED' }],
  ] as const)('%s', (_name, choice, expected) => {
    expect(toolFields([f, g], choice as never)).toEqual(expected);
  });

  it('sends nothing without tools', () => {
    expect(toolFields(undefined, 'required')).toEqual({});
    expect(toolFields([], 'auto')).toEqual({});
  });
});
