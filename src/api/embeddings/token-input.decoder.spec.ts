import { decodeTokenInputFor } from './token-input.decoder';

describe('decodeTokenInputFor', () => {
  // "hello world" in cl100k_base
  const tokens = [15339, 1917];

  it('decodes token ids back to text for providers that need text', () => {
    expect(decodeTokenInputFor('bedrock', { model: 'm', input: tokens }).input).toBe('hello world');
    expect(decodeTokenInputFor('gemini', { model: 'm', input: [tokens, [15339]] }).input).toEqual(['hello world', 'hello']);
  });

  it('leaves text, and OpenAI-style providers, as they are', () => {
    expect(decodeTokenInputFor('openai', { model: 'm', input: tokens }).input).toEqual(tokens);
    expect(decodeTokenInputFor('bedrock', { model: 'm', input: ['a', 'b'] }).input).toEqual(['a', 'b']);
  });
});
