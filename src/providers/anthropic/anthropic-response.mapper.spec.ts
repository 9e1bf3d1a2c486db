import { fromAnthropicResponse, mapAnthropicStopReason, mapAnthropicUsage } from './anthropic-response.mapper';
import type { AnthropicResponse } from './anthropic.types';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['something_new', 'stop'],
    [null, null],
  ])('%s -> %s', (reason, expected) => {
    expect(mapAnthropicStopReason(reason)).toBe(expected);
  });

  it('tool_use is a plain stop in JSON mode', () => {
    expect(mapAnthropicStopReason('tool_use', true)).toBe('stop');
  });
});

describe('mapAnthropicUsage', () => {
  it.each([
    [{ input_tokens: 10, output_tokens: 5 }, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }],
    [undefined, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }],
    [
      { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 },
      { prompt_tokens: 130, completion_tokens: 5, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 } },
    ],
  ])('%j', (usage, expected) => {
    expect(mapAnthropicUsage(usage)).toEqual(expected);
  });
});

describe('fromAnthropicResponse', () => {
  const res = (content: AnthropicResponse['content'], stop: string = 'end_turn'): AnthropicResponse => ({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content,
    stop_reason: stop,
    usage: { input_tokens: 3, output_tokens: 4 },
  });

  it('joins text blocks and skips thinking blocks', () => {
    const out = fromAnthropicResponse(
      res([
        { type: 'thinking', thinking: 'hmm', signature: 's' },
        { type: 'text', text: 'Hello ' },
        { type: 'text', text: 'world' },
      ]),
    );
    expect(out).toMatchObject({
      id: 'msg_1',
      object: 'chat.completion',
      model: 'claude-x',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    expect(out.choices[0].message).not.toHaveProperty('tool_calls');
  });

  it('turns tool_use blocks into tool_calls with JSON-string arguments and null content', () => {
    const out = fromAnthropicResponse(
      res(
        [
          { type: 'tool_use', id: 't1', name: 'f', input: { a: [1, 2] } },
          { type: 'tool_use', id: 't2', name: 'g', input: {} },
        ],
        'tool_use',
      ),
    );
    expect(out.choices[0]).toMatchObject({
      message: {
        content: null,
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":[1,2]}' } },
          { id: 't2', type: 'function', function: { name: 'g', arguments: '{}' } },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('in JSON mode the forced tool input is the content', () => {
    const out = fromAnthropicResponse(res([{ type: 'tool_use', id: 't', name: 'json_tool_call', input: { ok: true } }], 'tool_use'), true);
    expect(out.choices[0]).toMatchObject({ message: { content: '{"ok":true}' }, finish_reason: 'stop' });
    expect(out.choices[0].message).not.toHaveProperty('tool_calls');
  });
});
