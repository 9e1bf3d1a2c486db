import { BadGatewayError, ServiceUnavailableError } from '../../common/errors';
import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';
import type { AnthropicStreamEvent } from './anthropic.types';

const start: AnthropicStreamEvent = {
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 7, output_tokens: 1 } },
};
const text = (index: number, t: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
const json = (index: number, p: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: p } });
const toolStart = (index: number, id: string, name: string): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name, input: {} },
});
const stop = (reason: string, output: number): AnthropicStreamEvent => ({ type: 'message_delta', delta: { stop_reason: reason }, usage: { output_tokens: output } });

function run(events: AnthropicStreamEvent[], jsonMode = false): ChatCompletionChunk[] {
  const mapper = new AnthropicStreamMapper('fallback-model', jsonMode);
  const out = events.flatMap((e) => mapper.map(e));
  mapper.end();
  return out;
}
const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((c) => (c.choices.length ? { ...c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('AnthropicStreamMapper', () => {
  it('text: role chunk, content pieces, finish, usage with both halves', () => {
    const chunks = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      text(0, 'Hel'),
      text(0, ''),
      text(0, 'lo'),
      { type: 'content_block_stop', index: 0 },
      stop('end_turn', 9),
      { type: 'message_stop' },
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: 'Hel', finish: null },
      { content: 'lo', finish: null },
      { finish: 'stop' },
      { usage: { prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 } },
    ]);
    expect(chunks.every((c) => c.id === 'msg_1' && c.model === 'claude-x' && c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('numbers tool calls by their own index, not the block index', () => {
    const chunks = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      toolStart(1, 'a', 'f'),
      json(1, '{"x":'),
      json(1, '1}'),
      toolStart(2, 'b', 'g'),
      json(2, ''),
      json(2, '{}'),
      stop('tool_use', 20),
      { type: 'message_stop' },
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":' } }], finish: null },
      { tool_calls: [{ index: 0, function: { arguments: '1}' } }], finish: null },
      { tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }], finish: null },
      { finish: 'tool_calls' },
      { usage: { prompt_tokens: 7, completion_tokens: 20, total_tokens: 27 } },
    ]);
  });

  it('in JSON mode the forced tool streams as content and finishes with stop', () => {
    const chunks = run([start, toolStart(0, 'j', 'json_tool_call'), json(0, '{"a"'), json(0, ':1}'), stop('tool_use', 5), { type: 'message_stop' }], true);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: '{"a"', finish: null },
      { content: ':1}', finish: null },
      { finish: 'stop' },
      { usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 } },
    ]);
  });

  it.each([
    ['max_tokens', 'length'],
    ['stop_sequence', 'stop'],
    ['refusal', 'content_filter'],
  ])('message_delta %s -> finish_reason %s', (reason, finish) => {
    const chunks = run([start, stop(reason, 1), { type: 'message_stop' }]);
    expect(chunks[1].choices[0].finish_reason).toBe(finish);
  });

  it('an error event throws the mapped error', () => {
    const mapper = new AnthropicStreamMapper('m');
    mapper.map(start);
    expect(() => mapper.map({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toThrow(ServiceUnavailableError);
  });

  it('a body that ends before message_stop is a 502', () => {
    const mapper = new AnthropicStreamMapper('m');
    mapper.map(start);
    mapper.map(text(0, 'x'));
    expect(() => mapper.end()).toThrow(BadGatewayError);
    expect(() => new AnthropicStreamMapper('m').end()).toThrow(/no message_start/);
  });

  it('ignores event types it does not know', () => {
    const mapper = new AnthropicStreamMapper('m');
    expect(mapper.map({ type: 'future_event' } as unknown as AnthropicStreamEvent)).toEqual([]);
  });
});
