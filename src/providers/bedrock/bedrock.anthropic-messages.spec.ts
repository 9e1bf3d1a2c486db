import { decodeMessagesChunk, isBedrockAnthropicModel, toBedrockMessagesCall } from './bedrock.anthropic-messages';

describe('Bedrock Anthropic Messages (InvokeModel)', () => {
  it.each([
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', true],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', true],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', true],
    ['arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-3-haiku', true],
    ['meta.llama3-70b-instruct-v1:0', false],
    ['amazon.titan-text-express-v1', false],
  ])('%s is an Anthropic model: %s', (model, expected) => {
    expect(isBedrockAnthropicModel(model)).toBe(expected);
  });

  it('moves the model out, the version in, and anthropic-beta from the headers into the body', () => {
    const options = { signal: new AbortController().signal, timeoutMs: 1, requestId: 'r', forwardHeaders: { traceparent: 't', 'anthropic-beta': 'a-1, b-2' } };
    const call = toBedrockMessagesCall({ model: 'claude', stream: true, max_tokens: 5, messages: [] }, options);
    expect(call.body).toEqual({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [], anthropic_beta: ['a-1', 'b-2'] });
    expect(call.options.forwardHeaders).toEqual({ traceparent: 't' });
  });

  it('decodes a chunk, and refuses one that is not an event', () => {
    const bytes = Buffer.from(JSON.stringify({ type: 'message_stop' })).toString('base64');
    expect(decodeMessagesChunk(JSON.stringify({ bytes }))).toEqual({ type: 'message_stop' });
    expect(() => decodeMessagesChunk('{"bytes":"bm9wZQ=="}')).toThrow(/not an Anthropic event/);
  });
});
