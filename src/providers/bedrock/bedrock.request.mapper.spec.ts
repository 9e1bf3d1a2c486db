import type { ChatCompletionRequest, ChatMessage } from '../../common/openai/openai.types';
import { GatewayError, InvalidRequestError } from '../../common/errors';
import { toBedrockConversation } from './bedrock.messages.mapper';
import { toConverseRequest, toToolConfig } from './bedrock.request.mapper';

const user = (content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });
const req = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: 'm', messages: [user('Hi')], ...extra });
const plain = { params: { model: 'bedrock/x' } };
const dropping = { params: { model: 'bedrock/x', drop_params: true } };

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error('expected an error');
}

describe('toConverseRequest: unsupported parameters', () => {
  it.each([
    ['n', 2],
    ['logprobs', true],
    ['top_logprobs', 3],
    ['logit_bias', { '50256': -100 }],
    ['presence_penalty', 0.5],
    ['frequency_penalty', -0.2],
    ['seed', 7],
    ['parallel_tool_calls', false],
    ['response_format', { type: 'json_object' }],
    ['functions', [{ name: 'f' }]],
  ])('refuses %s=%j with a 400 naming it, and drops it with drop_params', (param, value) => {
    const err = thrown(() => toConverseRequest(req({ [param]: value }), plain));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ status: 400, param, provider: 'bedrock' });
    expect(err.message).toContain(`bedrock does not support '${param}'`);

    const body = toConverseRequest(req({ [param]: value, temperature: 0.1 }), dropping);
    expect(body).toEqual({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { temperature: 0.1 } });
  });

  it.each([
    ['n', 1],
    ['logprobs', false],
    ['presence_penalty', 0],
    ['frequency_penalty', 0],
    ['parallel_tool_calls', true],
    ['response_format', { type: 'text' }],
    ['logit_bias', {}],
    ['seed', null],
    ['user', 'end-user-1'],
  ])('accepts the harmless value %s=%j without drop_params', (param, value) => {
    expect(() => toConverseRequest(req({ [param]: value }), plain)).not.toThrow();
  });
});

describe('toConverseRequest: inference config', () => {
  it.each([
    [{ max_tokens: 10 }, { maxTokens: 10 }],
    [{ max_completion_tokens: 20, max_tokens: 10 }, { maxTokens: 20 }],
    [{ temperature: 0 }, { temperature: 0 }],
    [{ top_p: 0.5 }, { topP: 0.5 }],
    [{ stop: 'X' }, { stopSequences: ['X'] }],
    [{ stop: ['A', 'B'] }, { stopSequences: ['A', 'B'] }],
    [{}, undefined],
    [{ temperature: null, max_tokens: null }, undefined],
  ])('%j → inferenceConfig %j', (extra, expected) => {
    expect(toConverseRequest(req(extra as Partial<ChatCompletionRequest>), plain).inferenceConfig).toEqual(expected);
  });

  it('refuses a request with only system messages', () => {
    const err = thrown(() => toConverseRequest(req({ messages: [{ role: 'system', content: 'x' }] }), plain));
    expect(err).toMatchObject({ status: 400, param: 'messages' });
  });
});

describe('toToolConfig', () => {
  const tools = [{ type: 'function' as const, function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } } } }];
  it.each([
    [undefined, undefined],
    ['auto', { auto: {} }],
    ['required', { any: {} }],
    [{ type: 'function', function: { name: 'f' } }, { tool: { name: 'f' } }],
  ])('tool_choice %j → toolChoice %j', (choice, expected) => {
    const config = toToolConfig(tools, choice as never);
    expect(config?.tools).toEqual([{ toolSpec: { name: 'f', description: 'does f', inputSchema: { json: tools[0].function.parameters } } }]);
    expect(config?.toolChoice).toEqual(expected);
  });

  it('leaves tools out for tool_choice none and for an empty list', () => {
    expect(toToolConfig(tools, 'none')).toBeUndefined();
    expect(toToolConfig([], 'auto')).toBeUndefined();
  });

  it('gives a tool without parameters an empty object schema', () => {
    expect(toToolConfig([{ type: 'function', function: { name: 'g' } }], undefined)?.tools[0]).toEqual({
      toolSpec: { name: 'g', inputSchema: { json: { type: 'object', properties: {} } } },
    });
  });
});

describe('toBedrockConversation', () => {
  it('hoists system and developer messages wherever they are', () => {
    const out = toBedrockConversation([{ role: 'system', content: 'A' }, user('Hi'), { role: 'developer', content: 'B' }, { role: 'system', content: '' }]);
    expect(out.system).toEqual([{ text: 'A' }, { text: 'B' }]);
    expect(out.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
  });

  it('merges consecutive same-role turns (tool results and the next user text share one user turn)', () => {
    const out = toBedrockConversation([
      user('q'),
      { role: 'assistant', content: 'calling', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      { role: 'assistant', content: 'more' },
      { role: 'tool', tool_call_id: 't1', content: [{ type: 'text', text: '[1,2]' }] },
      user('thanks'),
    ]);
    expect(out.messages).toEqual([
      { role: 'user', content: [{ text: 'q' }] },
      { role: 'assistant', content: [{ text: 'calling' }, { toolUse: { toolUseId: 't1', name: 'f', input: { a: 1 } } }, { text: 'more' }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: '[1,2]' }] } }, { text: 'thanks' }] },
    ]);
  });

  it.each([
    ['{"ok":true}', { json: { ok: true } }],
    ['  {"nested":{"x":1}} ', { json: { nested: { x: 1 } } }],
    ['[1,2]', { text: '[1,2]' }],
    ['{not json', { text: '{not json' }],
    ['plain', { text: 'plain' }],
    ['', { text: '(empty)' }],
  ])('tool result %j → %j', (content, block) => {
    const out = toBedrockConversation([user('q'), { role: 'tool', tool_call_id: 't', content }]);
    expect(out.messages[0].content[1]).toEqual({ toolResult: { toolUseId: 't', content: [block] } });
  });

  it('keeps an assistant turn with empty arguments as an empty input', () => {
    const out = toBedrockConversation([user('q'), { role: 'assistant', content: '', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '' } }] }]);
    expect(out.messages[1]).toEqual({ role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] });
  });

  it.each([
    ['data:image/jpeg;base64,/9j/4AA=', { image: { format: 'jpeg', source: { bytes: '/9j/4AA=' } } }],
    ['data:image/webp;base64,UklGR', { image: { format: 'webp', source: { bytes: 'UklGR' } } }],
    ['data:image/GIF;base64,R0lGOD', { image: { format: 'gif', source: { bytes: 'R0lGOD' } } }],
  ])('image %s → %j', (url, block) => {
    const out = toBedrockConversation([user([{ type: 'image_url', image_url: { url } }])]);
    expect(out.messages[0].content).toEqual([block]);
  });

  it.each<[string, ChatMessage[], string]>([
    ['an http image', [user([{ type: 'image_url', image_url: { url: 'https://x/y.png' } }])], 'messages[0].content[0]'],
    ['a bmp image', [user([{ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }])], 'messages[0].content[0]'],
    ['an audio part', [user([{ type: 'input_audio', input_audio: {} }])], 'messages[0].content[0]'],
    ['a tool message without tool_call_id', [user('q'), { role: 'tool', content: 'x' }], 'messages[1].tool_call_id'],
    ['tool_call arguments that are not JSON', [user('q'), { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{oops' } }] }], 'messages[1].tool_calls'],
    ['a function-role message', [{ role: 'function', content: 'x', name: 'f' }], 'messages[0].role'],
  ])('refuses %s with a 400 naming the field', (_label, messages, param) => {
    const err = thrown(() => toBedrockConversation(messages));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.param).toBe(param);
  });
});
