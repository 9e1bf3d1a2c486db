import type { ChatCompletion } from '../../../common/openai/openai.types';
import { chatToMessage, toChatUsage, toMessageUsage, toStopReason } from './chat-to-message.mapper';

const completion = (message: object, finish: string | null = 'stop', usage?: object): ChatCompletion =>
  ({
    id: 'c',
    object: 'chat.completion',
    created: 1,
    model: 'up',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish }],
    usage: usage ?? { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
  }) as ChatCompletion;
const ctx = { id: 'msg_1', model: 'gpt' };

describe('chatToMessage (chat → Messages)', () => {
  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
  ] as const)('finish_reason %s → stop_reason %s', (finish, stop) => {
    expect(toStopReason(finish)).toBe(stop);
  });

  it.each<[string, object, unknown[]]>([
    ['text', { content: 'Hello' }, [{ type: 'text', text: 'Hello' }]],
    ['no text, no block', { content: '' }, []],
    [
      'text and tool calls',
      { content: 'x', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      [
        { type: 'text', text: 'x' },
        { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } },
      ],
    ],
    ['empty arguments', { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }, [{ type: 'tool_use', id: 'c', name: 'f', input: {} }]],
    ['arguments that are not JSON, kept', { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: 'oops' } }] }, [{ type: 'tool_use', id: 'c', name: 'f', input: { arguments: 'oops' } }]],
  ])('content: %s', (_name, msg, content) => {
    expect(chatToMessage(completion(msg), ctx).content).toEqual(content);
  });

  it('is a whole message object', () => {
    expect(chatToMessage(completion({ content: 'Hi' }), ctx)).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'gpt',
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('counts cached prompt tokens apart, and back', () => {
    const usage = toMessageUsage({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 60 } });
    expect(usage).toMatchObject({ input_tokens: 40, cache_read_input_tokens: 60, output_tokens: 5 });
    expect(toChatUsage(usage)).toEqual({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 60 } });
  });
});
