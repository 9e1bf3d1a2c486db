import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { ContentPolicyViolationError } from '../../common/errors';
import { GeminiStreamMapper } from './gemini.stream.mapper';
import type { GenerateContentResponse } from './gemini.types';

const meta = { id: 'chatcmpl-g', model: 'gemini-x', created: 1 };
const text = (t: string, extra: object = {}, index = 0): GenerateContentResponse => ({ candidates: [{ index, content: { role: 'model', parts: [{ text: t }] }, ...extra }] });

function run(events: GenerateContentResponse[]): ChatCompletionChunk[] {
  const mapper = new GeminiStreamMapper(meta);
  return [...events.flatMap((e) => mapper.map(e)), ...mapper.finish()];
}
const view = (chunks: ChatCompletionChunk[]) =>
  chunks.map((c) => (c.choices.length ? { i: c.choices[0].index, ...c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('GeminiStreamMapper', () => {
  it('maps text events; role on the first; the last usage metadata is the total', () => {
    const chunks = run([
      { ...text('A'), usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } },
      { ...text('B'), usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 } },
      { ...text('C', { finishReason: 'STOP' }), usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 } },
    ]);
    expect(view(chunks)).toEqual([
      { i: 0, role: 'assistant', content: 'A', finish: null },
      { i: 0, content: 'B', finish: null },
      { i: 0, content: 'C', finish: 'stop' },
      { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(chunks.every((c) => c.id === 'chatcmpl-g' && c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('numbers tool calls across events and finishes with tool_calls', () => {
    const call = (name: string, finishReason?: string): GenerateContentResponse => ({
      candidates: [{ index: 0, content: { role: 'model', parts: [{ functionCall: { name, args: { n: name } } }] }, ...(finishReason ? { finishReason } : {}) }],
    });
    const chunks = run([text('Calling.'), call('a'), call('b', 'STOP')]);
    const v = view(chunks);
    expect(v[0]).toEqual({ i: 0, role: 'assistant', content: 'Calling.', finish: null });
    expect(v[1]).toMatchObject({ tool_calls: [{ index: 0, type: 'function', function: { name: 'a', arguments: '{"n":"a"}' } }], finish: null });
    expect(v[2]).toMatchObject({ tool_calls: [{ index: 1, function: { name: 'b' } }], finish: 'tool_calls' });
    expect(chunks[1].choices[0].delta.tool_calls![0].id).toMatch(/^call_/);
    expect(v).toHaveLength(3); // no usage reported, no usage chunk
  });

  it('keeps candidates apart (n > 1)', () => {
    const chunks = run([
      { candidates: [{ index: 0, content: { parts: [{ text: 'x' }] } }, { index: 1, content: { parts: [{ text: 'y' }] } }] },
      { candidates: [{ index: 1, content: { parts: [{ text: 'z' }] }, finishReason: 'MAX_TOKENS' }] },
    ]);
    expect(view(chunks)).toEqual([
      { i: 0, role: 'assistant', content: 'x', finish: null },
      { i: 1, role: 'assistant', content: 'y', finish: null },
      { i: 1, content: 'z', finish: 'length' },
    ]);
  });

  it('emits a finish chunk for a candidate that ends without content, and reasoning as reasoning_content', () => {
    const chunks = run([
      { candidates: [{ index: 0, content: { parts: [{ text: 'hmm', thought: true }] } }] },
      { candidates: [{ index: 0, finishReason: 'SAFETY' }] },
      { candidates: [{ index: 0 }] },
    ]);
    expect(view(chunks)).toEqual([
      { i: 0, role: 'assistant', content: '', reasoning_content: 'hmm', finish: null },
      { i: 0, finish: 'content_filter' },
    ]);
  });

  it('throws the content-policy error for a blocked prompt', () => {
    expect(() => run([{ promptFeedback: { blockReason: 'SAFETY' } }])).toThrow(ContentPolicyViolationError);
  });
});
