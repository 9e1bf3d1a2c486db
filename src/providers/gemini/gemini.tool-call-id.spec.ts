import { fromGenerateContentResponse } from './gemini.response.mapper';
import { toGeminiConversation } from './gemini.messages.mapper';
import { encodeToolCallId, thoughtSignatureOf } from './gemini.tool-call-id';

describe('thought signatures ride in tool call ids', () => {
  it.each([
    [undefined, undefined, /^call_[0-9a-f]{24}$/, undefined],
    ['c2lnbmF0dXJl', undefined, /^call_[0-9a-f]{24}__thought__c2lnbmF0dXJl$/, 'c2lnbmF0dXJl'],
    ['sig+/=', 'fc-1', /^fc-1__thought__sig\+\/=$/, 'sig+/='],
    [undefined, 'fc-2', /^fc-2$/, undefined],
  ])('signature %j, id %j', (signature, id, pattern, decoded) => {
    const encoded = encodeToolCallId(signature, id);
    expect(encoded).toMatch(pattern);
    expect(thoughtSignatureOf(encoded)).toBe(decoded);
  });

  it('ignores ids from elsewhere', () => {
    expect(thoughtSignatureOf('toolu_01A09q90qw90lq917835lq9')).toBeUndefined();
    expect(thoughtSignatureOf(undefined)).toBeUndefined();
  });

  it('round-trips: a signed functionCall answered by the client goes back with its signature', () => {
    const first = fromGenerateContentResponse(
      { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'SIG123' }] }, finishReason: 'STOP' }] },
      'gemini-3-pro',
    );
    const call = first.choices[0].message.tool_calls![0];
    const next = toGeminiConversation([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: call.id, content: '{"ok":true}' },
    ]);
    expect(next.contents[1].parts).toEqual([{ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'SIG123' }]);
    expect(next.contents[2].parts).toEqual([{ functionResponse: { name: 'f', response: { ok: true } } }]);
  });
});
