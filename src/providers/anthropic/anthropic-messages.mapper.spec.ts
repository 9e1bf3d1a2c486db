import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage } from '../../common/openai/openai.types';
import { imageBlock, toAnthropicConversation } from './anthropic-messages.mapper';

describe('toAnthropicConversation', () => {
  it.each<[string, ChatMessage[], ReturnType<typeof toAnthropicConversation>]>([
    ['a lone user message', [{ role: 'user', content: 'Hi' }], { messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'system and developer lifted, in order',
      [
        { role: 'system', content: 'A' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'B' }] },
      ],
      { system: 'A\n\nB', messages: [{ role: 'user', content: 'Hi' }] },
    ],
    [
      'consecutive user turns merged into blocks',
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] },
    ],
    [
      'consecutive assistant turns merged',
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'x' },
        { role: 'assistant', content: 'y' },
      ],
      {
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'text', text: 'x' }, { type: 'text', text: 'y' }] },
        ],
      },
    ],
    [
      'assistant text and tool calls, empty arguments as {}',
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'Let me see.', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '' } }] },
        { role: 'tool', tool_call_id: 't1', content: 'done' },
      ],
      {
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Let me see.' },
              { type: 'tool_use', id: 't1', name: 'f', input: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'done' }] },
        ],
      },
    ],
    [
      'empty strings leave no empty text blocks',
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      ],
      {
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } }] },
        ],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(toAnthropicConversation(input)).toEqual(expected);
  });

  it.each<[string, ChatMessage[], string]>([
    ['tool arguments that are not JSON', [{ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{oops' } }] }], 'not valid JSON'],
    ['a tool message without tool_call_id', [{ role: 'tool', content: 'x' }], 'tool_call_id'],
    ['an audio part', [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }], "type 'input_audio'"],
    ['an image in a system message', [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }], 'text only'],
    ['the legacy function role', [{ role: 'function', content: 'x', name: 'f' }], "role 'function'"],
  ])('refuses %s with a 400 on messages', (_name, input, message) => {
    let error: unknown;
    try {
      toAnthropicConversation(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe('messages');
    expect((error as Error).message).toContain(message);
  });
});

describe('imageBlock', () => {
  it.each([
    ['data:image/jpeg;base64,/9j/4AAQ', { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' }],
    ['https://example.com/a.png', { type: 'url', url: 'https://example.com/a.png' }],
    ['http://example.com/a.png', { type: 'url', url: 'http://example.com/a.png' }],
  ])('%s', (url, source) => {
    expect(imageBlock({ image_url: { url } }, 0)).toEqual({ type: 'image', source });
  });

  it.each(['ftp://x/y.png', 'data:image/png,rawbytes', ''])('refuses %j', (url) => {
    expect(() => imageBlock({ image_url: { url } }, 0)).toThrow(InvalidRequestError);
  });
});
