import { BadGatewayError, RateLimitError } from '../../../common/errors';
import type { ChatCompletionChunk } from '../../../common/openai/openai.types';
import { ChatStreamToEventsMapper } from './chat-stream-to-events.mapper';
import { MessageEventsAccumulator } from './message-events.accumulator';

const chunk = (delta: object, finish: string | null = null): ChatCompletionChunk =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'up', choices: [{ index: 0, delta, finish_reason: finish }] }) as ChatCompletionChunk;
const usage = (prompt: number, completion: number): ChatCompletionChunk =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'up', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });
const tool = (index: number, fn: object, id?: string) => ({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] });

function run(chunks: ChatCompletionChunk[]) {
  const mapper = new ChatStreamToEventsMapper({ id: 'msg_1', model: 'gpt' });
  return [...mapper.start(), ...chunks.flatMap((c) => mapper.push(c)), ...mapper.finishEvents()];
}
/** The events in short: type, and the block kind or delta kind where there is one. */
const shape = (events: Array<{ type: string; [k: string]: unknown }>) =>
  events.map((e) => {
    if (e.type === 'content_block_start') return `start ${String(e.index)} ${(e.content_block as { type: string }).type}`;
    if (e.type === 'content_block_delta') return `delta ${String(e.index)} ${(e.delta as { type: string }).type}`;
    if (e.type === 'content_block_stop') return `stop ${String(e.index)}`;
    return e.type;
  });

describe('ChatStreamToEventsMapper (chat chunks → Messages events)', () => {
  it.each<[string, ChatCompletionChunk[], string[]]>([
    ['an empty answer', [chunk({ role: 'assistant', content: '' }), chunk({}, 'stop')], ['message_start', 'ping', 'message_delta', 'message_stop']],
    [
      'text',
      [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usage(5, 2)],
      ['message_start', 'ping', 'start 0 text', 'delta 0 text_delta', 'delta 0 text_delta', 'stop 0', 'message_delta', 'message_stop'],
    ],
    [
      'text then two tool calls',
      [
        chunk({ content: 'Let me look.' }),
        chunk(tool(0, { name: 'a', arguments: '' }, 'call_a')),
        chunk(tool(0, { arguments: '{"x":1}' })),
        chunk(tool(1, { name: 'b', arguments: '{}' }, 'call_b')),
        chunk({}, 'tool_calls'),
      ],
      [
        'message_start',
        'ping',
        'start 0 text',
        'delta 0 text_delta',
        'stop 0',
        'start 1 tool_use',
        'delta 1 input_json_delta',
        'stop 1',
        'start 2 tool_use',
        'delta 2 input_json_delta',
        'stop 2',
        'message_delta',
        'message_stop',
      ],
    ],
  ])('%s', (_name, chunks, expected) => {
    expect(shape(run(chunks))).toEqual(expected);
  });

  it('message_delta carries the stop reason and the usage', () => {
    const events = run([chunk({ content: 'x' }), chunk({}, 'length'), usage(11, 4)]);
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: { input_tokens: 11, output_tokens: 4, cache_read_input_tokens: 0 },
    });
  });

  it('message_start is an empty assistant message with the id and model asked for', () => {
    expect(run([])[0]).toMatchObject({ type: 'message_start', message: { id: 'msg_1', model: 'gpt', role: 'assistant', content: [], stop_reason: null } });
  });

  it('gives a tool call without an id one', () => {
    const start = run([chunk(tool(0, { name: 'f', arguments: '' }))]).find((e) => e.type === 'content_block_start');
    expect(start).toMatchObject({ content_block: { type: 'tool_use', id: 'toolu_1_0', name: 'f', input: {} } });
  });

  it.each([
    [new RateLimitError('slow down'), 'rate_limit_error'],
    [new BadGatewayError('broken'), 'api_error'],
  ])('fails with one Anthropic error event', (error, type) => {
    const mapper = new ChatStreamToEventsMapper({ id: 'msg_1', model: 'gpt' });
    expect(mapper.fail(error)).toEqual([{ type: 'error', error: { type, message: error.message } }]);
  });

  it('the accumulator reads the mapped stream back: content and usage', () => {
    const seen = new MessageEventsAccumulator();
    for (const e of run([chunk({ content: 'Hi ' }), chunk({ content: 'there' }), chunk(tool(0, { name: 'f', arguments: '{"a":' }, 'c1')), chunk(tool(0, { arguments: '2}' })), usage(7, 3)])) seen.add(e);
    expect(seen.content()).toEqual([
      { type: 'text', text: 'Hi there' },
      { type: 'tool_use', id: 'c1', name: 'f', input: { a: 2 } },
    ]);
    expect(seen.chatUsage()).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
  });
});
