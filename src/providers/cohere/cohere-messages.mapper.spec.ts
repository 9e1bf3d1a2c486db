import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage } from '../../common/openai/openai.types';
import { toCohereMessages } from './cohere-messages.mapper';

describe('toCohereMessages', () => {
  it.each<[string, ChatMessage, unknown]>([
    ['system', { role: 'system', content: 'S' }, { role: 'system', content: 'S' }],
    ['developer as system', { role: 'developer', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }, { role: 'system', content: 'a\nb' }],
    ['user string', { role: 'user', content: 'U' }, { role: 'user', content: 'U' }],
    [
      'user parts',
      { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'https://h/i.png' } }] },
      { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'https://h/i.png' } }] },
    ],
    ['assistant text', { role: 'assistant', content: 'A' }, { role: 'assistant', content: 'A' }],
    [
      'assistant tool calls without text; empty arguments as {}',
      { role: 'assistant', content: '', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] },
      { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    ],
    ['tool result', { role: 'tool', tool_call_id: 'c', content: [{ type: 'text', text: 'r' }] }, { role: 'tool', tool_call_id: 'c', content: 'r' }],
  ])('%s', (_name, message, expected) => {
    expect(toCohereMessages([message])).toEqual([expected]);
  });

  it.each<[string, ChatMessage]>([
    ['a tool message without id', { role: 'tool', content: 'r' }],
    ['an audio part', { role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }],
    ['an image in a system message', { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://h/i.png' } }] }],
    ['an image_url without url', { role: 'user', content: [{ type: 'image_url', image_url: {} }] }],
    ['the function role', { role: 'function', content: 'x' }],
  ])('refuses %s', (_name, message) => {
    expect(() => toCohereMessages([message])).toThrow(InvalidRequestError);
    expect(() => toCohereMessages([message])).toThrow(expect.objectContaining({ param: 'messages' }));
  });
});
