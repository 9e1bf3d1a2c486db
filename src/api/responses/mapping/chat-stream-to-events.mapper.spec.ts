import type { ChatCompletionChunk } from '../../../common/openai/openai.types';
import { ChatStreamToEventsMapper } from './chat-stream-to-events.mapper';

const ctx = { id: 'resp_s', createdAt: 1, request: { model: 'gw', input: 'x' } };
const chunk = (delta: object, finish: string | null = null): ChatCompletionChunk =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] }) as ChatCompletionChunk;
const usage = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } } as ChatCompletionChunk;

function run(chunks: ChatCompletionChunk[]) {
  const m = new ChatStreamToEventsMapper(ctx);
  const events = [...m.start(), ...chunks.flatMap((c) => m.push(c)), ...m.finish()];
  return events;
}

describe('ChatStreamToEventsMapper', () => {
  const cases: Array<[string, ChatCompletionChunk[], string[], object]> = [
    [
      'text',
      [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usage],
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ],
      { status: 'completed', output: [{ type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hello' }] }], usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } },
    ],
    [
      'text then two tool calls: each item is done before the next is added',
      [
        chunk({ content: 'Checking.' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ],
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
        'response.completed',
      ],
      {
        status: 'completed',
        output: [
          { type: 'message', content: [{ text: 'Checking.' }] },
          { type: 'function_call', call_id: 'call_a', name: 'f', arguments: '{"x":1}', status: 'completed' },
          { type: 'function_call', call_id: 'call_b', name: 'g', arguments: '{}', status: 'completed' },
        ],
      },
    ],
    [
      'cut short by the token limit ends with response.incomplete',
      [chunk({ content: 'Hel' }), chunk({}, 'length')],
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.incomplete',
      ],
      { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ status: 'incomplete' }] },
    ],
  ];

  it.each(cases)('%s', (_name, chunks, types, final) => {
    const events = run(chunks);
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events.map((e) => e.sequence_number)).toEqual(types.map((_, i) => i));
    expect(events[events.length - 1].response).toMatchObject({ id: 'resp_s', ...final });
    expect(events[0].response).toMatchObject({ id: 'resp_s', status: 'in_progress', output: [] });
  });

  it('a broken stream ends with response.failed and the error event', () => {
    const m = new ChatStreamToEventsMapper(ctx);
    const events = [...m.start(), ...m.push(chunk({ content: 'Hi' })), ...m.fail({ code: null, message: 'upstream broke' })];
    expect(events.slice(-2)).toMatchObject([
      { type: 'response.failed', sequence_number: 5, response: { status: 'failed', error: { code: 'server_error', message: 'upstream broke' } } },
      { type: 'error', sequence_number: 6, code: 'server_error', message: 'upstream broke' },
    ]);
  });
});
