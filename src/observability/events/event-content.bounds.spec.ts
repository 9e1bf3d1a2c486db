import type { CallEvent } from './call-event';
import { boundEventContent, eventContentLimits } from './event-content.bounds';

const base = (input: unknown, metadata: Record<string, unknown> = {}): CallEvent =>
  ({ request_id: 'r', model: 'm', metadata, input, output: null, error: null }) as unknown as CallEvent;

describe('boundEventContent', () => {
  const limits = { maxStringLength: 100, maxItems: 5, maxDepth: 4, maxTotalChars: 1000 };

  it('returns the very same event when nothing is over a limit', () => {
    const event = base([{ role: 'user', content: 'hi' }], { trace_id: 't' });
    const out = boundEventContent(event, limits);
    expect(out.input).toBe(event.input);
    expect(out.truncated).toBeUndefined();
  });

  it('cuts long strings with a marker, marks the event, and leaves the original alone', () => {
    const long = 'word '.repeat(1000);
    const event = base([{ role: 'user', content: long }]);
    const out = boundEventContent(event, limits);
    const content = (out.input as Array<{ content: string }>)[0].content;
    expect(content.length).toBeLessThan(150);
    expect(content).toMatch(/…\[truncated \d+ chars\]$/);
    expect(out.truncated).toBe(true);
    expect((event.input as Array<{ content: string }>)[0].content).toBe(long);
  });

  it('never leaves part of a token at the cut', () => {
    const secret = 'sk-' + 'a'.repeat(200);
    const out = boundEventContent(base(`${'x '.repeat(40)}${secret}`), limits);
    expect(out.input).not.toContain('sk-');
  });

  it('cuts long lists, key sets and deep nesting', () => {
    const many = Array.from({ length: 50 }, (_, i) => i);
    const keys = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const out = boundEventContent(base(many, { keys, deep: { a: { b: { c: { d: 1 } } } } }), limits);
    expect(out.input).toEqual([0, 1, 2, 3, 4, '…[truncated 45 more items]']);
    expect(Object.keys(out.metadata.keys as object)).toHaveLength(6);
    expect(JSON.stringify(out.metadata.deep)).toContain('nested too deep');
  });

  it('bounds the whole event: strings past the total budget are cut to their marker', () => {
    const out = boundEventContent(base(Array.from({ length: 5 }, () => 'y'.repeat(400))), { ...limits, maxStringLength: 400 });
    expect(JSON.stringify(out).length).toBeLessThan(1400);
  });

  it('the default keeps 16 KB strings and a 6 MB message is cut to that', () => {
    const out = boundEventContent(base([{ role: 'user', content: 'z'.repeat(6 * 1024 * 1024) }]), eventContentLimits());
    expect(JSON.stringify(out).length).toBeLessThan(17 * 1024);
  });
});
