import { BadGatewayError, TimeoutError } from '../../common/errors';
import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { CohereStreamMapper } from './cohere-stream.mapper';
import type { CohereStreamEvent } from './cohere.types';

const start: CohereStreamEvent = { type: 'message-start', id: 'm1', delta: { message: {} } };
const text = (t: string): CohereStreamEvent => ({ type: 'content-delta', index: 0, delta: { message: { content: { text: t } } } });
const toolStart = (index: number, id: string, name: string): CohereStreamEvent => ({
  type: 'tool-call-start',
  index,
  delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } },
});
const toolDelta = (index: number | undefined, args: string): CohereStreamEvent => ({
  type: 'tool-call-delta',
  index,
  delta: { message: { tool_calls: { function: { arguments: args } } } },
});
const end = (finish: string): CohereStreamEvent => ({
  type: 'message-end',
  delta: { finish_reason: finish, usage: { tokens: { input_tokens: 10, output_tokens: 2 } } },
});

function run(events: CohereStreamEvent[]): ChatCompletionChunk[] {
  const mapper = new CohereStreamMapper('command-r');
  const out = events.flatMap((e) => mapper.map(e));
  mapper.end();
  return out;
}
const view = (chunks: ChatCompletionChunk[]) =>
  chunks.map((c) => (c.choices.length ? { ...c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('CohereStreamMapper', () => {
  it('text stream', () => {
    const chunks = run([start, { type: 'content-start', index: 0 }, text('a'), text(''), text('b'), { type: 'content-end', index: 0 }, end('COMPLETE')]);
    expect(view(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: 'a', finish: null },
      { content: 'b', finish: null },
      { finish: 'stop' },
      { usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } },
    ]);
    expect(chunks.every((c) => c.id === 'm1' && c.model === 'command-r')).toBe(true);
  });

  it('tool calls keep their order; deltas without an index go to the last call', () => {
    const chunks = run([
      start,
      { type: 'tool-plan-delta', delta: { message: { tool_plan: 'plan' } } },
      toolStart(0, 'a', 'f'),
      toolDelta(0, '{"x":1}'),
      { type: 'tool-call-end', index: 0 },
      toolStart(1, 'b', 'g'),
      toolDelta(undefined, '{}'),
      toolDelta(1, ''),
      end('TOOL_CALL'),
    ]);
    expect(view(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }], finish: null },
      { tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }], finish: null },
      { finish: 'tool_calls' },
      { usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } },
    ]);
  });

  it.each([
    ['MAX_TOKENS', 'length'],
    ['STOP_SEQUENCE', 'stop'],
    ['ERROR_TOXIC', 'content_filter'],
  ])('message-end %s -> %s', (reason, finish) => {
    expect(run([start, end(reason)])[1].choices[0].finish_reason).toBe(finish);
  });

  it.each([
    ['ERROR', BadGatewayError],
    ['TIMEOUT', TimeoutError],
  ])('message-end %s throws', (reason, cls) => {
    const mapper = new CohereStreamMapper('m');
    mapper.map(start);
    expect(() => mapper.map({ type: 'message-end', delta: { finish_reason: reason, error: 'boom' } })).toThrow(cls);
  });

  it('a body that ends before message-end is a 502', () => {
    const mapper = new CohereStreamMapper('m');
    mapper.map(start);
    expect(() => mapper.end()).toThrow(BadGatewayError);
  });

  it('ignores citations, debug and unknown events', () => {
    const mapper = new CohereStreamMapper('m');
    for (const type of ['citation-start', 'citation-end', 'debug', 'brand-new']) expect(mapper.map({ type })).toEqual([]);
  });
});
