import { InvalidRequestError } from '../../../common/errors';
import type { MessagesRequest } from '../messages.types';
import { toChatRequest, toChatToolChoice } from './request-to-chat.mapper';

const base = (over: Partial<MessagesRequest>): MessagesRequest => ({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }], ...over });
const img = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } };

describe('toChatRequest (Messages → chat)', () => {
  it.each<[string, Partial<MessagesRequest>, object]>([
    ['a plain turn', {}, { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }],
    ['system as a string', { system: 'Be brief.' }, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }],
    [
      'system as text blocks',
      { system: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } }] },
      { messages: [{ role: 'system', content: 'A\n\nB' }, { role: 'user', content: 'Hi' }] },
    ],
    ['stop_sequences, temperature, top_p', { stop_sequences: ['X'], temperature: 0.5, top_p: 0.9 }, { stop: ['X'], temperature: 0.5, top_p: 0.9 }],
    ['metadata.user_id as user', { metadata: { user_id: 'u1' } }, { user: 'u1' }],
    ['a stream asks for usage', { stream: true }, { stream: true, stream_options: { include_usage: true } }],
    [
      'text blocks of a user turn joined',
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] },
      { messages: [{ role: 'user', content: 'a\nb' }] },
    ],
    [
      'an image as a data URL part',
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, img] }] },
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] },
    ],
    [
      'an image URL',
      { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }] },
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] },
    ],
    [
      'assistant tool_use as tool_calls, thinking dropped',
      {
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' }, { type: 'text', text: 'ok' }, { type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } }] },
        ],
      },
      { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'ok', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }] },
    ],
    [
      'tool results first as tool messages, then the rest of the turn',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'r1' }] },
              { type: 'tool_result', tool_use_id: 't2', content: 'bad', is_error: true },
              { type: 'text', text: 'go on' },
            ],
          },
        ],
      },
      {
        messages: [
          { role: 'tool', tool_call_id: 't1', content: 'r1' },
          { role: 'tool', tool_call_id: 't2', content: 'Error: bad' },
          { role: 'user', content: 'go on' },
        ],
      },
    ],
    [
      'tools and tool_choice with parallel use off',
      { tools: [{ name: 'f', description: 'd', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true } },
      { tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' } } }], tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: false },
    ],
  ])('maps %s', (_name, over, expected) => {
    expect(toChatRequest(base(over))).toMatchObject(expected);
  });

  it.each([
    ['auto', 'auto'],
    ['any', 'required'],
    ['none', 'none'],
  ] as const)('tool_choice %s → %s', (type, expected) => {
    expect(toChatToolChoice({ type })).toBe(expected);
  });

  it.each<[string, Partial<MessagesRequest>, string]>([
    ['a document block', { messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] }, 'messages[0].content[0].type'],
    ['a server tool', { tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools[0].type'],
  ])('refuses %s with the field named', (_name, over, param) => {
    let err: unknown;
    try {
      toChatRequest(base(over));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect((err as InvalidRequestError).param).toBe(param);
  });

  it('leaves server tools out with drop_params', () => {
    const chat = toChatRequest(base({ tools: [{ type: 'web_search_20250305', name: 'web_search' }, { name: 'f', input_schema: { type: 'object' } }] }), { dropParams: true });
    expect(chat.tools?.map((t) => t.function.name)).toEqual(['f']);
  });

  it('sends no tool_choice without tools, and no top_k (chat APIs refuse it)', () => {
    const chat = toChatRequest(base({ tool_choice: { type: 'any' }, top_k: 3 }));
    expect(chat).not.toHaveProperty('tool_choice');
    expect(chat).not.toHaveProperty('top_k');
  });
});
