import { BadGatewayError } from '../../common/errors';
import { fromConverseResponse, mapStopReason, mapUsage } from './bedrock.response.mapper';

describe('mapStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['something_new', 'stop'],
  ])('%s → %s', (reason, finish) => {
    expect(mapStopReason(reason)).toBe(finish);
  });

  it('is null when Bedrock gave none', () => {
    expect(mapStopReason(undefined)).toBeNull();
  });
});

describe('mapUsage', () => {
  it.each([
    [{ inputTokens: 5, outputTokens: 7, totalTokens: 12 }, { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 }],
    [{ inputTokens: 5, outputTokens: 7 }, { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 }],
    [undefined, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }],
    [{ inputTokens: 5, outputTokens: 1, totalTokens: 106, cacheReadInputTokens: 100 }, { prompt_tokens: 5, completion_tokens: 1, total_tokens: 106, prompt_tokens_details: { cached_tokens: 100 } }],
  ])('%j → %j', (usage, expected) => {
    expect(mapUsage(usage)).toEqual(expected);
  });
});

describe('fromConverseResponse', () => {
  it('joins text blocks, turns toolUse into tool_calls and reasoning into reasoning_content', () => {
    const out = fromConverseResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'think' } } },
              { text: 'A' },
              { text: 'B' },
              { toolUse: { toolUseId: 'tu1', name: 'f', input: { x: [1] } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      },
      'model-x',
      1_700_000_000_000,
    );
    expect(out).toMatchObject({
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'model-x',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: { role: 'assistant', content: 'AB', reasoning_content: 'think', tool_calls: [{ id: 'tu1', type: 'function', function: { name: 'f', arguments: '{"x":[1]}' } }] },
        },
      ],
      usage: { total_tokens: 3 },
    });
    expect(out.id).toMatch(/^chatcmpl-/);
  });

  it('gives null content for a tool-only answer and "" for an empty one', () => {
    const tools = fromConverseResponse({ output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] } }, stopReason: 'tool_use' }, 'm');
    expect(tools.choices[0].message.content).toBeNull();
    const empty = fromConverseResponse({ output: { message: { role: 'assistant', content: [] } }, stopReason: 'end_turn' }, 'm');
    expect(empty.choices[0].message).toEqual({ role: 'assistant', content: '' });
  });

  it('is a 502 when the answer has no message', () => {
    expect(() => fromConverseResponse({}, 'm')).toThrow(BadGatewayError);
  });
});
