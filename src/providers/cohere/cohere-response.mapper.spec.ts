import { BadGatewayError, TimeoutError } from '../../common/errors';
import { cohereGenerationFailure, fromCohereResponse, mapCohereFinishReason, mapCohereUsage } from './cohere-response.mapper';

describe('mapCohereFinishReason', () => {
  it.each([
    ['COMPLETE', 'stop'],
    ['STOP_SEQUENCE', 'stop'],
    ['USER_CANCEL', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['ERROR_LIMIT', 'length'],
    ['TOOL_CALL', 'tool_calls'],
    ['ERROR_TOXIC', 'content_filter'],
    ['SOMETHING_NEW', 'stop'],
    [undefined, null],
  ])('%s -> %s', (reason, expected) => {
    expect(mapCohereFinishReason(reason)).toBe(expected);
  });
});

describe('cohereGenerationFailure', () => {
  it.each([
    ['ERROR', BadGatewayError],
    ['TIMEOUT', TimeoutError],
  ])('%s is an error', (reason, cls) => {
    expect(cohereGenerationFailure(reason, 'why')).toBeInstanceOf(cls);
    expect(cohereGenerationFailure(reason, 'why')?.message).toContain('why');
  });
  it.each(['COMPLETE', 'MAX_TOKENS', undefined])('%s is not', (reason) => {
    expect(cohereGenerationFailure(reason)).toBeUndefined();
  });
});

describe('mapCohereUsage', () => {
  it.each([
    [{ tokens: { input_tokens: 70, output_tokens: 5 }, billed_units: { input_tokens: 10, output_tokens: 5 } }, [70, 5, 75]],
    [{ billed_units: { input_tokens: 10, output_tokens: 4 } }, [10, 4, 14]],
    [undefined, [0, 0, 0]],
  ])('%j', (usage, [p, c, t]) => {
    expect(mapCohereUsage(usage)).toEqual({ prompt_tokens: p, completion_tokens: c, total_tokens: t });
  });
});

describe('fromCohereResponse', () => {
  it('joins text content, keeps tool calls, uses the deployment model', () => {
    const out = fromCohereResponse(
      {
        id: 'r1',
        finish_reason: 'TOOL_CALL',
        message: {
          role: 'assistant',
          content: [{ type: 'thinking', thinking: 'hmm' }, { type: 'text', text: 'a' }, { type: 'text', text: 'b' }],
          tool_plan: 'plan',
          tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }],
        },
      },
      'command-r',
    );
    expect(out).toMatchObject({
      id: 'r1',
      model: 'command-r',
      choices: [{ message: { content: 'ab', tool_calls: [{ id: 't', function: { name: 'f', arguments: '{"x":1}' } }] }, finish_reason: 'tool_calls' }],
    });
  });

  it('null content when there is no text', () => {
    const out = fromCohereResponse({ id: 'r', finish_reason: 'COMPLETE', message: { role: 'assistant' } }, 'm');
    expect(out.choices[0].message.content).toBeNull();
    expect(out.choices[0].message).not.toHaveProperty('tool_calls');
  });

  it('throws on an ERROR finish', () => {
    expect(() => fromCohereResponse({ id: 'r', finish_reason: 'ERROR', message: { role: 'assistant' } }, 'm')).toThrow(BadGatewayError);
  });
});
