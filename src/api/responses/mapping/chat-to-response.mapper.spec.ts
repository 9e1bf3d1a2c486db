import type { ChatCompletion } from '../../../common/openai/openai.types';
import { chatToResponse } from './chat-to-response.mapper';

const ctx = { id: 'resp_1', createdAt: 1700000000, request: { model: 'gw-model', input: 'x', instructions: 'Be brief.', max_output_tokens: 20 } };
const completion = (message: object, finish: string | null, usage?: object): ChatCompletion =>
  ({ id: 'c', object: 'chat.completion', created: 1, model: 'up', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }], usage }) as ChatCompletion;

describe('chatToResponse', () => {
  const cases: Array<[string, ChatCompletion, object]> = [
    [
      'text answer',
      completion({ content: 'Hello' }, 'stop', { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_tokens_details: { cached_tokens: 3 } }),
      {
        id: 'resp_1',
        object: 'response',
        created_at: 1700000000,
        status: 'completed',
        model: 'gw-model',
        instructions: 'Be brief.',
        max_output_tokens: 20,
        output: [{ type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] }],
        usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 3 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 7 },
      },
    ],
    [
      'tool calls become function_call items',
      completion({ content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, 'tool_calls'),
      { status: 'completed', output: [{ type: 'function_call', call_id: 'call_9', name: 'f', arguments: '{"a":1}', status: 'completed' }], usage: null },
    ],
    [
      'cut short by the token limit',
      completion({ content: 'Hel' }, 'length'),
      { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ type: 'message', status: 'incomplete' }] },
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const out = chatToResponse(input, ctx);
    expect(out).toMatchObject(expected);
    for (const item of out.output) expect(item.id).toMatch(/^(msg|fc)_[0-9a-f]{48}$/);
  });
});
