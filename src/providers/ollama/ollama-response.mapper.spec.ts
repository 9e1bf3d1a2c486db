import { createdSeconds, fromOllamaResponse, mapOllamaDoneReason, mapOllamaUsage, toOpenAIToolCall } from './ollama-response.mapper';

describe('mapOllamaDoneReason', () => {
  it.each([
    ['stop', false, 'stop'],
    ['length', false, 'length'],
    ['load', false, 'stop'],
    ['unload', false, 'stop'],
    [undefined, false, 'stop'],
    ['stop', true, 'tool_calls'],
    ['length', true, 'tool_calls'],
  ])('%s (tool calls: %s) -> %s', (reason, tools, expected) => {
    expect(mapOllamaDoneReason(reason, tools)).toBe(expected);
  });
});

describe('mapOllamaUsage', () => {
  it.each([
    [{ prompt_eval_count: 3, eval_count: 4 }, [3, 4, 7]],
    [{}, [0, 0, 0]],
  ])('%j', (res, [p, c, t]) => {
    expect(mapOllamaUsage(res)).toEqual({ prompt_tokens: p, completion_tokens: c, total_tokens: t });
  });
});

describe('toOpenAIToolCall', () => {
  it('stringifies object arguments and generates an id when Ollama gives none', () => {
    const call = toOpenAIToolCall({ function: { name: 'f', arguments: { a: [1] } } });
    expect(call).toMatchObject({ type: 'function', function: { name: 'f', arguments: '{"a":[1]}' } });
    expect(call.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(toOpenAIToolCall({ function: { name: 'f', arguments: {} } }).id).not.toBe(call.id);
  });

  it('keeps an id Ollama gives', () => {
    expect(toOpenAIToolCall({ id: 'call_x', function: { name: 'f', arguments: {} } }).id).toBe('call_x');
  });
});

describe('createdSeconds', () => {
  it('parses RFC 3339 with fractions', () => {
    expect(createdSeconds('2023-12-12T14:13:43.416799Z')).toBe(1702390423);
  });
  it.each([undefined, 'not a date'])('falls back to now for %j', (value) => {
    expect(Math.abs(createdSeconds(value) - Date.now() / 1000)).toBeLessThan(5);
  });
});

describe('fromOllamaResponse', () => {
  it('maps content, model and usage', () => {
    const out = fromOllamaResponse({ model: 'm', created_at: '2023-12-12T14:13:43Z', message: { role: 'assistant', content: 'hi' }, done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 2 });
    expect(out).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      created: 1702390423,
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    expect(out.id).toMatch(/^chatcmpl-/);
  });

  it('tool calls: null content, finish tool_calls', () => {
    const out = fromOllamaResponse({ model: 'm', message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { x: 1 } } }] }, done: true, done_reason: 'stop' });
    expect(out.choices[0]).toMatchObject({ message: { content: null, tool_calls: [{ function: { name: 'f', arguments: '{"x":1}' } }] }, finish_reason: 'tool_calls' });
  });
});
