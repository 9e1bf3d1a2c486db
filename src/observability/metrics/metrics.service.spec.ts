import type { CallEvent } from '../events/call-event';
import { configFrom } from '../testing/observability-test.helpers';
import { MetricsService } from './metrics.service';

const event = (over: Partial<CallEvent>): CallEvent =>
  ({
    request_id: 'r',
    route: 'chat.completions',
    model: 'gpt-4o',
    deployment_id: 'd1',
    http_status: 200,
    response_ms: 250,
    time_to_first_token_ms: null,
    usage: null,
    ...over,
  }) as CallEvent;

describe('MetricsService', () => {
  const make = () => new MetricsService(configFrom('model_list:\n  - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o, mock_response: hi}}'));

  it('implements the routing events with their labels', async () => {
    const m = make();
    m.recordRetry('gpt-4o', 'd1');
    m.recordRetry('gpt-4o', 'd1');
    m.recordFallback('gpt-4o', 'gpt-4o-mini');
    m.recordCooldown('d1');
    m.setDeploymentsInCooldown(2);
    m.recordRedisFailure('incr');
    const text = await m.render();
    expect(text).toContain('gateway_retries_total{model="gpt-4o",deployment="d1"} 2');
    expect(text).toContain('gateway_fallbacks_total{from_model="gpt-4o",to_model="gpt-4o-mini"} 1');
    expect(text).toContain('gateway_cooldowns_total{deployment="d1"} 1');
    expect(text).toContain('gateway_deployments_in_cooldown 2');
    expect(text).toContain('gateway_redis_failures_total{operation="incr"} 1');
  });

  it('counts sink events sent, dropped and failed by sink', async () => {
    const m = make();
    m.sent('webhook', 3);
    m.dropped('webhook', 2);
    m.failed('langfuse', 4);
    const text = await m.render();
    expect(text).toContain('gateway_sink_events_sent_total{sink="webhook"} 3');
    expect(text).toContain('gateway_sink_events_dropped_total{sink="webhook"} 2');
    expect(text).toContain('gateway_sink_events_failed_total{sink="langfuse"} 4');
  });

  it('keeps client-chosen unknown model names out of the labels', async () => {
    const m = make();
    m.recordCall(event({ model: 'random-name-1', deployment_id: null, http_status: 404 }));
    m.recordCall(event({ model: 'gpt-4o', deployment_id: null, http_status: 503 }));
    const text = await m.render();
    expect(text).not.toContain('random-name-1');
    expect(text).toContain('gateway_requests_total{route="chat.completions",model="unknown",deployment="none",status_code="404"} 1');
    expect(text).toContain('gateway_requests_total{route="chat.completions",model="gpt-4o",deployment="none",status_code="503"} 1');
  });

  it('observes latency and time to first token in seconds', async () => {
    const m = make();
    m.recordCall(event({ response_ms: 250, time_to_first_token_ms: 40, usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }));
    const text = await m.render();
    expect(text).toContain('gateway_request_duration_seconds_sum{route="chat.completions",model="gpt-4o",status_code="200"} 0.25');
    expect(text).toContain('gateway_time_to_first_token_seconds_sum{route="chat.completions",model="gpt-4o"} 0.04');
    expect(text).toContain('gateway_tokens_input_total{model="gpt-4o",deployment="d1"} 3');
  });

  it('tracks requests in flight', async () => {
    const m = make();
    m.requestStarted();
    m.requestStarted();
    m.requestFinished();
    expect(await m.render()).toContain('gateway_requests_in_flight 1');
  });
});
