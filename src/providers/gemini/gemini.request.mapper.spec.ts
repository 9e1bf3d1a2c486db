import type { ChatCompletionRequest, ChatMessage } from '../../common/openai/openai.types';
import { GatewayError, InvalidRequestError } from '../../common/errors';
import { toGeminiConversation } from './gemini.messages.mapper';
import { toGenerateContentRequest, toGenerationConfig, toToolConfig } from './gemini.request.mapper';

const user = (content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });
const req = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: 'm', messages: [user('Hi')], ...extra });
const plain = { params: { model: 'gemini/x' } };
const dropping = { params: { model: 'gemini/x', drop_params: true } };

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error('expected an error');
}

describe('toGenerateContentRequest: unsupported parameters', () => {
  it.each([
    ['logprobs', true],
    ['top_logprobs', 2],
    ['logit_bias', { '1': 3 }],
    ['parallel_tool_calls', false],
    ['functions', [{ name: 'f' }]],
    ['function_call', 'auto'],
  ])('refuses %s=%j with a 400 naming it, and drops it with drop_params', (param, value) => {
    const err = thrown(() => toGenerateContentRequest(req({ [param]: value }), plain));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ status: 400, param, provider: 'gemini' });
    expect(toGenerateContentRequest(req({ [param]: value }), dropping)).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  });

  it.each([
    ['logprobs', false],
    ['parallel_tool_calls', true],
    ['logit_bias', {}],
    ['user', 'u1'],
  ])('accepts the harmless value %s=%j', (param, value) => {
    expect(() => toGenerateContentRequest(req({ [param]: value }), plain)).not.toThrow();
  });
});

describe('toGenerationConfig', () => {
  it.each<[Partial<ChatCompletionRequest>, object]>([
    [{ temperature: 0 }, { temperature: 0 }],
    [{ top_p: 0.3 }, { topP: 0.3 }],
    [{ max_tokens: 5 }, { maxOutputTokens: 5 }],
    [{ max_completion_tokens: 9, max_tokens: 5 }, { maxOutputTokens: 9 }],
    [{ stop: 'X' }, { stopSequences: ['X'] }],
    [{ n: 3 }, { candidateCount: 3 }],
    [{ n: 1 }, {}],
    [{ seed: 0 }, { seed: 0 }],
    [{ presence_penalty: 0, frequency_penalty: 0 }, {}],
    [{ presence_penalty: 0.2, frequency_penalty: -0.1 }, { presencePenalty: 0.2, frequencyPenalty: -0.1 }],
    [{ response_format: { type: 'text' } }, {}],
    [{ response_format: { type: 'json_object' } }, { responseMimeType: 'application/json' }],
    [{ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, { responseMimeType: 'application/json' }],
    [{ temperature: null, top_p: null }, {}],
  ])('%j → %j', (extra, expected) => {
    expect(toGenerationConfig(req(extra))).toEqual(expected);
  });

  it('leaves generationConfig out when nothing is set', () => {
    expect(toGenerateContentRequest(req(), plain)).not.toHaveProperty('generationConfig');
  });
});

describe('toToolConfig', () => {
  it.each([
    [undefined, undefined],
    ['auto', { functionCallingConfig: { mode: 'AUTO' } }],
    ['none', { functionCallingConfig: { mode: 'NONE' } }],
    ['required', { functionCallingConfig: { mode: 'ANY' } }],
    [{ type: 'function', function: { name: 'f' } }, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } }],
  ])('%j → %j', (choice, expected) => {
    expect(toToolConfig(choice as never)).toEqual(expected);
  });

  it('sends a tool without properties with no parameters at all', () => {
    const body = toGenerateContentRequest(req({ tools: [{ type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } }] }), plain);
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'now' }] }]);
  });

  it('ignores tool_choice when there are no tools', () => {
    expect(toGenerateContentRequest(req({ tool_choice: 'required' }), plain)).not.toHaveProperty('toolConfig');
  });
});

describe('toGeminiConversation', () => {
  it('names each function response after the call it answers, and merges them in one user turn', () => {
    const out = toGeminiConversation([
      user('q'),
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } },
          { id: 'b', type: 'function', function: { name: 'search', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'b', content: '[1,2]' },
      { role: 'tool', tool_call_id: 'a', content: '42' },
      user('and?'),
    ]);
    expect(out.contents).toEqual([
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ text: 'Let me look.' }, { functionCall: { name: 'lookup', args: { q: 1 } } }, { functionCall: { name: 'search', args: {} } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'search', response: { content: [1, 2] } } }, { functionResponse: { name: 'lookup', response: { content: 42 } } }, { text: 'and?' }],
      },
    ]);
  });

  it.each([
    ['{"a":1}', { a: 1 }],
    ['"quoted"', { content: 'quoted' }],
    ['plain text', { content: 'plain text' }],
    ['', { content: '' }],
  ])('tool content %j → response %j', (content, response) => {
    const out = toGeminiConversation([user('q'), { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 't', content }]);
    expect(out.contents[2].parts[0]).toEqual({ functionResponse: { name: 'f', response } });
  });

  it('falls back to the tool message name when the call is not in the history', () => {
    const out = toGeminiConversation([user('q'), { role: 'tool', tool_call_id: 'gone', name: 'f', content: 'x' }]);
    expect(out.contents[0].parts[1]).toEqual({ functionResponse: { name: 'f', response: { content: 'x' } } });
  });

  it.each([
    ['https://x.test/a.PNG', 'image/png'],
    ['https://x.test/a.jpg?v=1', 'image/jpeg'],
    ['gs://bucket/doc.pdf', 'application/pdf'],
    ['https://x.test/noext', 'image/jpeg'],
  ])('an image URL %s is fileData with %s', (url, mimeType) => {
    const out = toGeminiConversation([user([{ type: 'image_url', image_url: { url } }])]);
    expect(out.contents[0].parts).toEqual([{ fileData: { mimeType, fileUri: url } }]);
  });

  it.each<[string, ChatMessage[], string]>([
    ['a tool result for an unknown call', [user('q'), { role: 'tool', tool_call_id: 'x', content: 'r' }], 'messages[1].tool_call_id'],
    ['a file: URL image', [user([{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }])], 'messages[0].content[0]'],
    ['an audio part', [user([{ type: 'input_audio', input_audio: {} }])], 'messages[0].content[0]'],
    ['bad tool arguments', [user('q'), { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{' } }] }], 'messages[1].tool_calls'],
    ['an image in a system message', [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }], 'messages[0].content[0]'],
  ])('refuses %s with a 400 naming the field', (_label, messages, param) => {
    const err = thrown(() => toGeminiConversation(messages));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.param).toBe(param);
  });

  it('refuses a request with only system messages', () => {
    expect(thrown(() => toGenerateContentRequest(req({ messages: [{ role: 'system', content: 's' }] }), plain))).toMatchObject({ status: 400, param: 'messages' });
  });
});
