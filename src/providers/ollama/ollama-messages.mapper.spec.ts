import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage } from '../../common/openai/openai.types';
import { toOllamaMessages } from './ollama-messages.mapper';

describe('toOllamaMessages', () => {
  it.each<[string, ChatMessage[], unknown[]]>([
    ['system and developer', [{ role: 'system', content: 'a' }, { role: 'developer', content: 'b' }], [{ role: 'system', content: 'a' }, { role: 'system', content: 'b' }]],
    ['null content', [{ role: 'assistant', content: null }], [{ role: 'assistant', content: '' }]],
    [
      'text parts joined, images as bare base64',
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
            { type: 'text', text: 'b' },
          ],
        },
      ],
      [{ role: 'user', content: 'a\nb', images: ['/9j/'] }],
    ],
    [
      'tool calls with parsed arguments; tool results named after their call',
      [
        {
          role: 'assistant',
          content: 'ok',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
            { id: 'c2', type: 'function', function: { name: 'g', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c2', content: 'G' },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'F' }] },
        { role: 'tool', tool_call_id: 'unknown', content: 'X' },
      ],
      [
        {
          role: 'assistant',
          content: 'ok',
          tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }, { function: { name: 'g', arguments: {} } }],
        },
        { role: 'tool', content: 'G', tool_name: 'g' },
        { role: 'tool', content: 'F', tool_name: 'f' },
        { role: 'tool', content: 'X' },
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(toOllamaMessages(input)).toEqual(expected);
  });

  it.each<[string, ChatMessage]>([
    ['an http image URL', { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }],
    ['an image outside a user message', { role: 'system', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] }],
    ['an audio part', { role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }],
    ['arguments that are not JSON', { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{' } }] }],
    ['the function role', { role: 'function', content: 'x' }],
  ])('refuses %s with a 400 on messages', (_name, message) => {
    expect(() => toOllamaMessages([message])).toThrow(InvalidRequestError);
    expect(() => toOllamaMessages([message])).toThrow(expect.objectContaining({ param: 'messages' }));
  });
});
