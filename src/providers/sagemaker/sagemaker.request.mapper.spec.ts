import type { ChatCompletionRequest, ChatMessage } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import { toTgiMessages } from './sagemaker.messages.mapper';
import { toTgiChatRequest } from './sagemaker.request.mapper';

const params = { params: { model: 'sagemaker/ep' } };
const req = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], ...extra });

describe('toTgiMessages', () => {
  it.each<[string, ChatMessage, object]>([
    ['user text', { role: 'user', content: 'Hi' }, { role: 'user', content: 'Hi' }],
    ['system', { role: 'system', content: 'Be brief.' }, { role: 'system', content: 'Be brief.' }],
    ['developer as system', { role: 'developer', content: 'Be brief.' }, { role: 'system', content: 'Be brief.' }],
    ['a named user', { role: 'user', content: 'Hi', name: 'ada' }, { role: 'user', content: 'Hi', name: 'ada' }],
    ['assistant text', { role: 'assistant', content: 'Hello' }, { role: 'assistant', content: 'Hello' }],
    ['assistant null content', { role: 'assistant', content: null }, { role: 'assistant', content: '' }],
    [
      'assistant tool calls only (TGI reads content or tool calls, not both)',
      { role: 'assistant', content: 'calling', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
    ],
    ['tool result', { role: 'tool', tool_call_id: 'c1', content: '42' }, { role: 'tool', content: '42', tool_call_id: 'c1' }],
    [
      'text and image parts',
      { role: 'user', content: [{ type: 'text', text: 'What?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA', detail: 'high' } }] },
      { role: 'user', content: [{ type: 'text', text: 'What?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } }] },
    ],
  ])('%s', (_label, message, expected) => {
    expect(toTgiMessages([message])).toEqual([expected]);
  });

  it.each<[string, ChatMessage[]]>([
    ['no messages', []],
    ['an audio part', [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }]],
    ['the legacy function role', [{ role: 'function', content: 'x', name: 'f' }]],
  ])('refuses %s with a 400 on messages', (_label, messages) => {
    expect(() => toTgiMessages(messages)).toThrow(InvalidRequestError);
    try {
      toTgiMessages(messages);
    } catch (e) {
      expect((e as InvalidRequestError).param).toBe('messages');
    }
  });
});

describe('toTgiChatRequest', () => {
  it('writes only what TGI reads, with model "tgi"', () => {
    expect(toTgiChatRequest(req({ user: 'u', parallel_tool_calls: false, stream_options: { include_usage: true } }), params, false)).toEqual({
      model: 'tgi',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
    });
  });

  it.each<[string, Partial<ChatCompletionRequest>, object]>([
    ['max_tokens', { max_tokens: 10 }, { max_tokens: 10 }],
    ['max_completion_tokens wins over max_tokens', { max_tokens: 10, max_completion_tokens: 20 }, { max_tokens: 20 }],
    ['stop as a string becomes a list', { stop: 'END' }, { stop: ['END'] }],
    ['stop as a list', { stop: ['a', 'b'] }, { stop: ['a', 'b'] }],
    ['sampling', { temperature: 0.3, top_p: 0.8, seed: 1 }, { temperature: 0.3, top_p: 0.8, seed: 1 }],
    ['penalties', { frequency_penalty: 0.5, presence_penalty: -0.5 }, { frequency_penalty: 0.5, presence_penalty: -0.5 }],
    ['logprobs', { logprobs: true, top_logprobs: 3 }, { logprobs: true, top_logprobs: 3 }],
    ['json_object as any object', { response_format: { type: 'json_object' } }, { response_format: { type: 'json', value: { type: 'object' } } }],
    [
      'json_schema as its schema',
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', properties: { a: { type: 'number' } } } } } },
      { response_format: { type: 'json', value: { type: 'object', properties: { a: { type: 'number' } } } } },
    ],
  ])('%s', (_label, extra, expected) => {
    expect(toTgiChatRequest(req(extra), params, false)).toMatchObject(expected);
  });

  it('leaves out response_format text and unset values', () => {
    const body = toTgiChatRequest(req({ response_format: { type: 'text' }, temperature: null, stop: null }), params, false);
    expect(body).not.toHaveProperty('response_format');
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('stop');
  });

  it('passes tools with a schema for each, and tool_choice only with tools', () => {
    const tools = [{ type: 'function' as const, function: { name: 'now' } }];
    expect(toTgiChatRequest(req({ tools, tool_choice: 'auto' }), params, false)).toMatchObject({
      tools: [{ type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'auto',
    });
    expect(toTgiChatRequest(req({ tool_choice: 'required' }), params, false)).not.toHaveProperty('tool_choice');
    expect(toTgiChatRequest(req({ tools, tool_choice: { type: 'function', function: { name: 'now' } } }), params, false).tool_choice).toEqual({
      type: 'function',
      function: { name: 'now' },
    });
  });

  it('asks for the usage chunk on every stream', () => {
    expect(toTgiChatRequest(req(), params, true)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it.each<[string, Partial<ChatCompletionRequest>]>([
    ['n', { n: 3 }],
    ['logit_bias', { logit_bias: { 1: 2 } }],
    ['functions', { functions: [{ name: 'f' }] }],
  ])('refuses %s unless drop_params, and drops it then', (param, extra) => {
    expect(() => toTgiChatRequest(req(extra), params, false)).toThrow(expect.objectContaining({ param, status: 400 }));
    expect(toTgiChatRequest(req(extra), { params: { ...params.params, drop_params: true } }, false)).not.toHaveProperty(param);
  });

  it('accepts OpenAI defaults of unsupported params (n: 1, logit_bias: {})', () => {
    expect(() => toTgiChatRequest(req({ n: 1, logit_bias: {} }), params, false)).not.toThrow();
  });

  it('refuses a json_schema without a schema', () => {
    expect(() => toTgiChatRequest(req({ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }), params, false)).toThrow(
      expect.objectContaining({ param: 'response_format' }),
    );
  });
});
