import { BadGatewayError } from '../../common/errors';
import { argumentsText, fromTgiChatCompletion, mapFinishReason, mapUsage } from './sagemaker.response.mapper';
import type { TgiChatCompletion } from './sagemaker.types';

describe('mapFinishReason', () => {
  it.each([
    ['stop', false, 'stop'],
    ['eos_token', false, 'stop'],
    ['stop_sequence', false, 'stop'],
    ['length', false, 'length'],
    ['tool_calls', false, 'tool_calls'],
    ['content_filter', false, 'content_filter'],
    ['something_new', false, 'stop'],
    [null, false, 'stop'],
    ['stop', true, 'tool_calls'],
    ['eos_token', true, 'tool_calls'],
    ['length', true, 'length'],
  ] as const)('%s (tool calls: %s) → %s', (reason, tools, expected) => {
    expect(mapFinishReason(reason, tools)).toBe(expected);
  });
});

describe('mapUsage', () => {
  it('fills the total and zeros', () => {
    expect(mapUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect(mapUsage(null)).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });
});

describe('argumentsText', () => {
  it.each([
    ['{"a":1}', '{"a":1}'],
    [{ a: 1 }, '{"a":1}'],
    [undefined, '{}'],
  ])('%j → %s', (args, text) => {
    expect(argumentsText(args)).toBe(text);
  });
});

describe('fromTgiChatCompletion', () => {
  const base: TgiChatCompletion = {
    id: '',
    created: 1718000000,
    model: 'HuggingFaceH4/zephyr-7b-beta',
    system_fingerprint: '3.3.5-native',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
  };

  it('keeps content, usage and fingerprint, names the endpoint as model, and fills TGI\'s empty id', () => {
    const out = fromTgiChatCompletion(base, 'my-endpoint');
    expect(out).toMatchObject({
      object: 'chat.completion',
      created: 1718000000,
      model: 'my-endpoint',
      system_fingerprint: '3.3.5-native',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    });
    expect(out.id).toMatch(/^chatcmpl-/);
  });

  it('gives a tool-call reply null content, string arguments and a tool_calls finish', () => {
    const out = fromTgiChatCompletion(
      { ...base, choices: [{ message: { role: 'assistant', tool_calls: [{ id: '', type: 'function', function: { name: 'f', arguments: { x: 1 } } }] }, finish_reason: 'stop' }] },
      'ep',
    );
    expect(out.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it.each<[string, unknown]>([
    ['no choices', { ...base, choices: [] }],
    ['the generate API answer', [{ generated_text: 'Hello' }]],
    ['a nameless tool call', { ...base, choices: [{ message: { tool_calls: [{ id: '0', function: { arguments: '{}' } }] } }] }],
  ])('is a 502 for %s', (_label, res) => {
    expect(() => fromTgiChatCompletion(res as TgiChatCompletion, 'ep')).toThrow(BadGatewayError);
  });
});
