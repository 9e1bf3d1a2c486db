import { ContentPolicyViolationError } from '../../common/errors';
import { fromGenerateContentResponse, mapFinishReason, mapUsage } from './gemini.response.mapper';

describe('mapFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['OTHER', false, 'stop'],
    ['FINISH_REASON_UNSPECIFIED', false, 'stop'],
  ])('%s (tools called: %s) → %s', (reason, tools, finish) => {
    expect(mapFinishReason(reason, tools)).toBe(finish);
  });

  it('is null while the candidate has not finished', () => {
    expect(mapFinishReason(undefined, true)).toBeNull();
  });
});

describe('mapUsage', () => {
  it.each([
    [{ promptTokenCount: 4, candidatesTokenCount: 6, totalTokenCount: 10 }, { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 }],
    [{ promptTokenCount: 4, totalTokenCount: 4 }, { prompt_tokens: 4, completion_tokens: 0, total_tokens: 4 }],
    [
      { promptTokenCount: 4, candidatesTokenCount: 6, thoughtsTokenCount: 20, totalTokenCount: 30, cachedContentTokenCount: 2 },
      { prompt_tokens: 4, completion_tokens: 26, total_tokens: 30, completion_tokens_details: { reasoning_tokens: 20 }, prompt_tokens_details: { cached_tokens: 2 } },
    ],
    [undefined, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }],
  ])('%j → %j', (meta, usage) => {
    expect(mapUsage(meta)).toEqual(usage);
  });
});

describe('fromGenerateContentResponse', () => {
  it('separates thoughts from the answer and gives function calls fresh ids unless Gemini sent one', () => {
    const out = fromGenerateContentResponse(
      {
        candidates: [
          {
            index: 0,
            finishReason: 'STOP',
            content: {
              role: 'model',
              parts: [{ text: 'plan…', thought: true }, { text: 'Answer' }, { functionCall: { name: 'f', args: { a: 1 } } }, { functionCall: { id: 'given-id', name: 'g' } }],
            },
          },
        ],
      },
      'gemini-x',
    );
    const choice = out.choices[0];
    expect(choice).toMatchObject({ finish_reason: 'tool_calls', message: { content: 'Answer', reasoning_content: 'plan…' } });
    expect(choice.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_[0-9a-f]{24}$/), type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
      { id: 'given-id', type: 'function', function: { name: 'g', arguments: '{}' } },
    ]);
    const again = fromGenerateContentResponse({ candidates: [{ content: { parts: [{ functionCall: { name: 'f' } }] } }] }, 'm');
    expect(again.choices[0].message.tool_calls![0].id).not.toBe(choice.message.tool_calls![0].id);
  });

  it.each(['SAFETY', 'PROHIBITED_CONTENT', 'OTHER'])('a prompt blocked for %s is a content-policy error naming the reason', (blockReason) => {
    let err: unknown;
    try {
      fromGenerateContentResponse({ promptFeedback: { blockReason, blockReasonMessage: 'details here' } }, 'm');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContentPolicyViolationError);
    expect(err).toMatchObject({ status: 400, code: 'content_policy_violation', provider: 'gemini' });
    expect((err as Error).message).toContain(blockReason);
    expect((err as Error).message).toContain('details here');
  });

  it('answers normally when promptFeedback carries no block', () => {
    const out = fromGenerateContentResponse({ promptFeedback: {}, candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }, 'm');
    expect(out.choices[0].message.content).toBe('ok');
  });
});
