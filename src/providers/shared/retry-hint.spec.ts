import { resetSeconds, retryHintSeconds } from './retry-hint';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');

describe('retryHintSeconds', () => {
  it.each([
    ['Retry-After wins', 429, { 'retry-after': '7', 'x-ratelimit-reset-requests': '30s' }, 7],
    ['retry-after-ms', 429, { 'retry-after-ms': '1500' }, 1.5],
    ['OpenAI reset durations: the longer one', 429, { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }, 360],
    ['Anthropic reset times', 429, { 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:12Z' }, 12],
    ['an epoch reset', 429, { 'x-ratelimit-reset': String(NOW / 1000 + 20) }, 20],
    ['reset headers ignored on other statuses', 500, { 'x-ratelimit-reset-requests': '8.64s' }, undefined],
    ['Retry-After on a 503', 503, { 'retry-after': '3' }, 3],
    ['nothing', 429, {}, undefined],
  ])('%s', (_name, status, headers, seconds) => {
    expect(retryHintSeconds(status, headers, NOW)).toBe(seconds);
  });
});

describe('resetSeconds', () => {
  it.each([
    ['20ms', 0.02],
    ['1m30s', 90],
    ['2h', 7200],
    ['17', 17],
    ['soon', undefined],
    ['', undefined],
  ])('%s → %s', (raw, seconds) => {
    expect(resetSeconds(raw, NOW)).toBe(seconds);
  });
});
