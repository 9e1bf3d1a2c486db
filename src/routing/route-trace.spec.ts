import { MAX_ROUTE_SUMMARY_CHARS, RouteTracer, summarise } from './route-trace';
import { callRecord } from './testing/routing-test-kit';

describe('summarise', () => {
  it('joins the parts into one printable line', () => {
    expect(summarise(['model=a', 'pick a1 (x)', 'bad\r\nheader\u00e9'])).toBe('model=a; pick a1 (x); bad??header?');
  });

  it('is cut at the cap', () => {
    const line = summarise(['x'.repeat(MAX_ROUTE_SUMMARY_CHARS * 2)]);
    expect(line).toHaveLength(MAX_ROUTE_SUMMARY_CHARS);
    expect(line.endsWith('...')).toBe(true);
  });
});

describe('RouteTracer', () => {
  it('traces only the calls someone watches', () => {
    const tracer = new RouteTracer();
    const watched = callRecord();
    const seen: string[] = [];
    tracer.watch(watched, (s) => seen.push(s));
    const trace = tracer.start(watched)!;
    trace.model('gpt-4o', 'least-busy');
    trace.pick('d1', 'least-busy: 0 in flight');
    trace.flush();
    expect(seen).toEqual(['model=gpt-4o strategy=least-busy; pick d1 (least-busy: 0 in flight)']);
    expect(tracer.start(callRecord())).toBeUndefined();
  });
});
