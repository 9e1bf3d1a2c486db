import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { TgiStreamMapper } from './sagemaker.stream.mapper';
import type { TgiChatCompletionChunk } from './sagemaker.types';

const meta = { id: 'chatcmpl-1', model: 'ep', created: 1 };
const tgi = (delta: object, finish: string | null = null): TgiChatCompletionChunk => ({
  id: '',
  created: 9,
  model: 'hf/model',
  system_fingerprint: 'fp',
  choices: [{ index: 0, delta: { role: 'assistant', ...delta }, logprobs: null, finish_reason: finish }],
  usage: null,
});
const usage = (p: number, c: number): TgiChatCompletionChunk => ({ choices: [], usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c } });
const tool = (name: string | null, args: string, id = '0') => ({ tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: args } }] });

function run(chunks: TgiChatCompletionChunk[]): ChatCompletionChunk[] {
  const mapper = new TgiStreamMapper(meta);
  return [...chunks.flatMap((c) => mapper.map(c)), ...mapper.end()];
}
const deltas = (out: ChatCompletionChunk[]) => out.map((c) => (c.choices[0] ? { delta: c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('TgiStreamMapper', () => {
  it('sends the role once, keeps our id and model, and the usage last', () => {
    const out = run([tgi({ content: 'Hel' }), tgi({ content: 'lo' }), tgi({ content: '!' }, 'eos_token'), usage(4, 3)]);
    expect(out.every((c) => c.id === 'chatcmpl-1' && c.model === 'ep' && c.object === 'chat.completion.chunk')).toBe(true);
    expect(deltas(out)).toEqual([
      { delta: { role: 'assistant', content: 'Hel' }, finish: null },
      { delta: { content: 'lo' }, finish: null },
      { delta: { content: '!' }, finish: 'stop' },
      { usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 } },
    ]);
  });

  it('holds a usage that arrives before the last chunk until the end', () => {
    const out = run([tgi({ content: 'a' }), usage(1, 1), tgi({ content: 'b' }, 'stop')]);
    expect(out[out.length - 1]).toMatchObject({ choices: [], usage: { total_tokens: 2 } });
    expect(out).toHaveLength(3);
  });

  it('keeps id, type and name to the first tool delta and finishes with tool_calls', () => {
    const out = run([tgi(tool('get_weather', '{')), tgi(tool(null, '"city": "Paris"')), tgi(tool('get_weather', '}'), 'stop'), usage(10, 5)]);
    expect(deltas(out)).toEqual([
      { delta: { role: 'assistant', tool_calls: [{ index: 0, id: '0', type: 'function', function: { name: 'get_weather', arguments: '{' } }] }, finish: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: '"city": "Paris"' } }] }, finish: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: '}' } }] }, finish: 'tool_calls' },
      { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
    ]);
  });

  it('sends a name that only arrives on a later delta, once', () => {
    const out = run([tgi(tool(null, '', '')), tgi(tool('f', '{}')), tgi(tool('f', ''))]);
    expect(deltas(out).map((d) => d.delta?.tool_calls)).toEqual([
      [{ index: 0, id: 'call_0', type: 'function', function: { name: '', arguments: '' } }],
      [{ index: 0, function: { name: 'f', arguments: '{}' } }],
      [{ index: 0, function: { arguments: '' } }],
    ]);
  });

  it('skips empty deltas but keeps a bare finish', () => {
    const out = run([tgi({ content: 'x' }), tgi({ content: '' }), tgi({ content: '' }, 'length')]);
    expect(deltas(out)).toEqual([
      { delta: { role: 'assistant', content: 'x' }, finish: null },
      { delta: {}, finish: 'length' },
    ]);
  });

  it('passes logprobs through', () => {
    const logprobs = { content: [{ token: 'x', logprob: -0.1, top_logprobs: [] }] };
    const out = run([{ ...tgi({ content: 'x' }), choices: [{ index: 0, delta: { content: 'x' }, logprobs, finish_reason: null }] }]);
    expect(out[0].choices[0].logprobs).toEqual(logprobs);
  });

  it('ends without a usage chunk when TGI sent none (older versions)', () => {
    expect(run([tgi({ content: 'x' }, 'stop')])).toHaveLength(1);
  });
});
