import { BadGatewayError } from '../../common/errors';
import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { OllamaStreamMapper } from './ollama-stream.mapper';
import type { OllamaChatResponse } from './ollama.types';

const line = (content: string, extra: Partial<NonNullable<OllamaChatResponse['message']>> = {}): OllamaChatResponse => ({
  model: 'llama3.2',
  created_at: '2023-12-12T14:13:43Z',
  message: { role: 'assistant', content, ...extra },
  done: false,
});
const done = (reason: string): OllamaChatResponse => ({ model: 'llama3.2', message: { role: 'assistant', content: '' }, done: true, done_reason: reason, prompt_eval_count: 4, eval_count: 6 });

function run(lines: OllamaChatResponse[]): ChatCompletionChunk[] {
  const mapper = new OllamaStreamMapper('chatcmpl-1');
  const out = lines.flatMap((l) => mapper.map(l));
  mapper.end();
  return out;
}
const view = (chunks: ChatCompletionChunk[]) =>
  chunks.map((c) => (c.choices.length ? { ...c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }));

describe('OllamaStreamMapper', () => {
  it('text: role chunk on the first line, pieces, finish and usage on the done line', () => {
    const chunks = run([line('a'), line(''), line('b'), done('stop')]);
    expect(view(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: 'a', finish: null },
      { content: 'b', finish: null },
      { finish: 'stop' },
      { usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } },
    ]);
    expect(chunks.every((c) => c.id === 'chatcmpl-1' && c.model === 'llama3.2' && c.created === 1702390423)).toBe(true);
  });

  it('a done line that also carries content yields it before the finish', () => {
    expect(view(run([{ ...done('length'), message: { role: 'assistant', content: 'x' } }]))).toEqual([
      { role: 'assistant', content: '', finish: null },
      { content: 'x', finish: null },
      { finish: 'length' },
      { usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } },
    ]);
  });

  it('tool calls get consecutive indices across lines and make the finish tool_calls', () => {
    const chunks = run([
      line('', { tool_calls: [{ id: 'c1', function: { name: 'f', arguments: { a: 1 } } }, { id: 'c2', function: { name: 'g', arguments: {} } }] }),
      line('', { tool_calls: [{ id: 'c3', function: { name: 'h', arguments: { b: 'x' } } }] }),
      done('stop'),
    ]);
    expect(view(chunks)).toEqual([
      { role: 'assistant', content: '', finish: null },
      {
        tool_calls: [
          { index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
          { index: 1, id: 'c2', type: 'function', function: { name: 'g', arguments: '{}' } },
        ],
        finish: null,
      },
      { tool_calls: [{ index: 2, id: 'c3', type: 'function', function: { name: 'h', arguments: '{"b":"x"}' } }], finish: null },
      { finish: 'tool_calls' },
      { usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } },
    ]);
  });

  it('an error line throws a 502 with its message', () => {
    const mapper = new OllamaStreamMapper('x');
    mapper.map(line('a'));
    expect(() => mapper.map({ error: 'runner died' } as OllamaChatResponse)).toThrow(expect.objectContaining({ status: 502, message: 'runner died' }));
  });

  it('a body without its done line is a 502', () => {
    const mapper = new OllamaStreamMapper('x');
    mapper.map(line('a'));
    expect(() => mapper.end()).toThrow(BadGatewayError);
  });
});
