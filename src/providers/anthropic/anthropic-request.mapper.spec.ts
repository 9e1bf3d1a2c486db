import { InvalidRequestError } from '../../common/errors';
import type { ChatCompletionRequest } from '../../common/openai/openai.types';
import { buildDeployment } from '../../deployments/deployment.factory';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, JSON_TOOL_NAME, toAnthropicRequest, toToolChoice } from './anthropic-request.mapper';

const deployment = (extra: Record<string, unknown> = {}) =>
  buildDeployment({ model_name: 'claude', litellm_params: { model: 'anthropic/claude-x', ...extra } });
const base = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'claude',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const tool = { type: 'function' as const, function: { name: 'f', parameters: { type: 'object', properties: {} } } };

describe('toAnthropicRequest', () => {
  it('sends the upstream model, the messages and the default max_tokens', () => {
    const { body, jsonMode } = toAnthropicRequest(base(), deployment(), false);
    expect(body).toEqual({ model: 'claude-x', messages: [{ role: 'user', content: 'Hi' }], max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS });
    expect(jsonMode).toBe(false);
  });

  it.each([
    ['max_completion_tokens wins', { max_completion_tokens: 10, max_tokens: 20 }, {}, 10],
    ['then max_tokens', { max_tokens: 20 }, { max_tokens: 30 }, 20],
    ['then the deployment', {}, { max_tokens: 30 }, 30],
    ['then the default', {}, {}, ANTHROPIC_DEFAULT_MAX_TOKENS],
  ])('max_tokens: %s', (_name, req, dep, expected) => {
    expect(toAnthropicRequest(base(req), deployment(dep), false).body.max_tokens).toBe(expected);
  });

  it.each([
    [{ stop: 'END' }, { stop_sequences: ['END'] }],
    [{ stop: ['a', 'b'] }, { stop_sequences: ['a', 'b'] }],
    [{ user: 'u1' }, { metadata: { user_id: 'u1' } }],
    [{ temperature: 0, top_p: 0.5 }, { temperature: 0, top_p: 0.5 }],
    [{ top_k: 5 }, { top_k: 5 }],
  ])('maps %j to %j', (req, expected) => {
    expect(toAnthropicRequest(base(req), deployment(), false).body).toMatchObject(expected);
  });

  it('ignores keys that are not parameters at all and sets stream only when streaming', () => {
    const { body } = toAnthropicRequest(base({ whatever: 1 }), deployment(), true);
    expect(body).not.toHaveProperty('whatever');
    expect(body.stream).toBe(true);
  });

  describe('parameters Anthropic cannot take', () => {
    it.each([
      ['n', 2],
      ['presence_penalty', 0.5],
      ['frequency_penalty', -1],
      ['logprobs', true],
      ['top_logprobs', 3],
      ['logit_bias', { '50256': -100 }],
      ['seed', 42],
      ['reasoning_effort', 'high'],
    ])('refuses %s=%j with a 400 naming it, or drops it with drop_params', (param, value) => {
      const req = base({ [param]: value });
      let error: unknown;
      try {
        toAnthropicRequest(req, deployment(), false);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).param).toBe(param);
      expect((error as InvalidRequestError).message).toContain(`anthropic does not support '${param}'`);
      expect(toAnthropicRequest(req, deployment({ drop_params: true }), false).body).not.toHaveProperty(param);
    });

    it.each([
      ['n', 1],
      ['presence_penalty', 0],
      ['frequency_penalty', 0],
      ['logprobs', false],
      ['logit_bias', {}],
      ['seed', null],
    ])('accepts %s=%j, which changes nothing', (param, value) => {
      expect(() => toAnthropicRequest(base({ [param]: value }), deployment(), false)).not.toThrow();
    });
  });

  describe('tools', () => {
    it('gives each tool an input_schema, an empty object schema when it has no parameters', () => {
      const { body } = toAnthropicRequest(
        base({ tools: [tool, { type: 'function', function: { name: 'g', description: 'G' } }] }),
        deployment(),
        false,
      );
      expect(body.tools).toEqual([
        { name: 'f', input_schema: { type: 'object', properties: {} } },
        { name: 'g', description: 'G', input_schema: { type: 'object', properties: {} } },
      ]);
      expect(body).not.toHaveProperty('tool_choice');
    });

    it.each([
      ['auto', undefined, { type: 'auto' }],
      ['none', undefined, { type: 'none' }],
      ['required', undefined, { type: 'any' }],
      [{ type: 'function', function: { name: 'f' } }, undefined, { type: 'tool', name: 'f' }],
      ['required', false, { type: 'any', disable_parallel_tool_use: true }],
      [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
      [undefined, true, undefined],
      [undefined, undefined, undefined],
    ] as const)('tool_choice %j with parallel_tool_calls %j -> %j', (choice, parallel, expected) => {
      expect(toToolChoice(choice as never, parallel, true)).toEqual(expected);
    });

    it('sends no tool_choice without tools', () => {
      expect(toToolChoice('required', false, false)).toBeUndefined();
    });
  });

  describe('response_format', () => {
    it('json_schema forces the JSON tool with that schema', () => {
      const schema = { type: 'object', properties: { a: { type: 'number' } } };
      const { body, jsonMode } = toAnthropicRequest(
        base({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }),
        deployment(),
        false,
      );
      expect(jsonMode).toBe(true);
      expect(body.tools).toEqual([expect.objectContaining({ name: JSON_TOOL_NAME, input_schema: schema })]);
      expect(body.tool_choice).toEqual({ type: 'tool', name: JSON_TOOL_NAME });
    });

    it('json_object forces the JSON tool with an open object schema', () => {
      const { body, jsonMode } = toAnthropicRequest(base({ response_format: { type: 'json_object' } }), deployment(), false);
      expect(jsonMode).toBe(true);
      expect(body.tools?.[0].input_schema).toEqual({ type: 'object', additionalProperties: true });
    });

    it('text changes nothing', () => {
      const { body, jsonMode } = toAnthropicRequest(base({ response_format: { type: 'text' } }), deployment(), false);
      expect(jsonMode).toBe(false);
      expect(body).not.toHaveProperty('tools');
    });

    it('with the caller’s own tools is refused, or dropped with drop_params', () => {
      const req = base({ tools: [tool], response_format: { type: 'json_object' } });
      expect(() => toAnthropicRequest(req, deployment(), false)).toThrow(expect.objectContaining({ param: 'response_format', status: 400 }));
      const dropped = toAnthropicRequest(req, deployment({ drop_params: true }), false);
      expect(dropped.jsonMode).toBe(false);
      expect(dropped.body.tools).toEqual([expect.objectContaining({ name: 'f' })]);
    });
  });
});
