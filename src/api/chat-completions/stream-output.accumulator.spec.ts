import { StreamOutputAccumulator } from './stream-output.accumulator';

const chunk = (delta: object, finish: string | null = null) =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] }) as any;

describe('StreamOutputAccumulator', () => {
  it('assembles text', () => {
    const acc = new StreamOutputAccumulator();
    [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop')].forEach((c) => acc.add(c));
    expect(acc.message()).toEqual({ role: 'assistant', content: 'Hello' });
    expect(acc.finishReason).toBe('stop');
  });

  it('assembles tool calls from deltas by index', () => {
    const acc = new StreamOutputAccumulator();
    acc.add(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '' } }] }));
    acc.add(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }));
    acc.add(chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }));
    acc.add(chunk({}, 'tool_calls'));
    expect(acc.message()).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } }] });
  });
});
