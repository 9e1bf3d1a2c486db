import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { BedrockStreamMapper } from './bedrock.stream.mapper';
import type { ConverseStreamEvent } from './bedrock.types';

const meta = { id: 'chatcmpl-1', model: 'm', created: 1 };
type Step = [string, ConverseStreamEvent];

function run(steps: Step[]): ChatCompletionChunk[] {
  const mapper = new BedrockStreamMapper(meta);
  return steps.flatMap(([type, event]) => mapper.map(type, event));
}
const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((c) => (c.choices.length ? { ...c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('BedrockStreamMapper', () => {
  it('maps a text stream: role first, text pieces, finish, usage-only chunk', () => {
    const chunks = run([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'a' } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: '' } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'b' } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['messageStop', { stopReason: 'end_turn' }],
      ['metadata', { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 10 } }],
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: 'a', finish: null },
      { content: 'b', finish: null },
      { finish: 'stop' },
      { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(chunks.every((c) => c.id === 'chatcmpl-1' && c.object === 'chat.completion.chunk' && c.model === 'm')).toBe(true);
    expect(chunks[4].choices).toEqual([]);
  });

  it('numbers tool calls 0, 1, … whatever their content block index, and routes argument pieces by block', () => {
    const chunks = run([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'A', name: 'f' } } }],
      ['contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'B', name: 'g' } } }],
      ['contentBlockDelta', { contentBlockIndex: 3, delta: { toolUse: { input: '{"b":' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{}' } } }],
      ['contentBlockDelta', { contentBlockIndex: 3, delta: { toolUse: { input: '2}' } } }],
      ['messageStop', { stopReason: 'tool_use' }],
    ]);
    expect(deltas(chunks).slice(1)).toEqual([
      { tool_calls: [{ index: 0, id: 'A', type: 'function', function: { name: 'f', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 1, id: 'B', type: 'function', function: { name: 'g', arguments: '' } }], finish: null },
      { tool_calls: [{ index: 1, function: { arguments: '{"b":' } }], finish: null },
      { tool_calls: [{ index: 0, function: { arguments: '{}' } }], finish: null },
      { tool_calls: [{ index: 1, function: { arguments: '2}' } }], finish: null },
      { finish: 'tool_calls' },
    ]);
  });

  it.each([
    ['max_tokens', 'length'],
    ['stop_sequence', 'stop'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['tool_use', 'tool_calls'],
    [undefined, 'stop'],
  ])('messageStop %s finishes with %s', (stopReason, finish) => {
    const [chunk] = run([['messageStop', { stopReason }]]);
    expect(chunk.choices[0].finish_reason).toBe(finish);
  });

  it('puts the role on the first chunk even without messageStart', () => {
    const chunks = run([['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }], ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'y' } }]]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: 'x', finish: null },
      { content: 'y', finish: null },
    ]);
  });

  it('passes reasoning as reasoning_content and ignores events it does not know', () => {
    const chunks = run([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'hmm' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } }],
      ['somethingNew', {}],
      ['contentBlockStart', { contentBlockIndex: 0, start: {} }],
      ['metadata', { metrics: { latencyMs: 1 } }],
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { reasoning_content: 'hmm', finish: null },
    ]);
  });
});
