import { estimatePromptTokens } from './prompt-size';

describe('estimatePromptTokens', () => {
  it('counts four characters a token, rounding up, over string and part contents', () => {
    expect(estimatePromptTokens([{ content: 'abcd' }, { content: 'e' }])).toBe(2);
    expect(estimatePromptTokens([{ content: [{ type: 'text', text: 'hi' }] }])).toBe(Math.ceil(JSON.stringify([{ type: 'text', text: 'hi' }]).length / 4));
    expect(estimatePromptTokens([{ content: null }, {}])).toBe(1);
    expect(estimatePromptTokens([])).toBe(0);
  });
});
