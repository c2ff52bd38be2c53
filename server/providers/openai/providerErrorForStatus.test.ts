import { describe, expect, it } from 'vitest';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { providerErrorForStatus } from './providerErrorForStatus.ts';
import { redactSecrets } from './redactSecrets.ts';
import { retryAfterMs } from './retryAfterMs.ts';

const upstream = { name: 'model "m" at https://api.example.com/v1', hasKey: true, secrets: ['sk-live-abcdefghijklmnop'] };

describe('providerErrorForStatus', () => {
  it.each([
    [401, 'misconfigured', /rejected the API key/],
    [403, 'misconfigured', /refused access/],
    [404, 'misconfigured', /model name and the base URL/],
    [429, 'rate-limited', /rate limiting/],
    [400, 'refused', /refused the request/],
    [408, 'timeout', /timed out/],
    [500, 'unavailable', /unavailable \(HTTP 500\)/],
    [502, 'unavailable', /unavailable/],
    [503, 'unavailable', /unavailable/],
  ] as const)('HTTP %i → %s', (status, code, message) => {
    const error = providerErrorForStatus(upstream, { status });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('says no key is configured when none is', () => {
    expect(providerErrorForStatus({ ...upstream, hasKey: false }, { status: 401 }).message).toMatch(/none is configured/);
  });

  it('tells an exhausted quota from a rate limit, and a too-long prompt from other refusals', () => {
    expect(providerErrorForStatus(upstream, { status: 429, code: 'insufficient_quota' }).code).toBe('misconfigured');
    expect(providerErrorForStatus(upstream, { status: 400, code: 'context_length_exceeded' }).message).toMatch(/too long/);
  });

  it('says a llama.cpp server is still loading its model', () => {
    expect(providerErrorForStatus(upstream, { status: 503, message: 'Loading model' }).message).toMatch(/still loading the model/);
  });

  it('carries the wait of a 429 and never the key', () => {
    const error = providerErrorForStatus(upstream, { status: 429, headers: { 'retry-after': '3' }, message: 'key sk-live-abcdefghijklmnop is limited' });
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('Try again in 3 s');
    expect(providerErrorForStatus(upstream, { status: 403, message: 'key sk-live-abcdefghijklmnop' }).message).not.toContain('sk-live');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, retry-after in seconds or as a date, then the message', () => {
    expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '1.5' }))).toBe(1500);
    expect(retryAfterMs({ 'retry-after': 'Sat, 21 Nov 2026 06:00:05 GMT' }, '', Date.parse('Sat, 21 Nov 2026 06:00:00 GMT'))).toBe(5000);
    expect(retryAfterMs(undefined, 'Rate limit reached. Please try again in 20ms.')).toBe(20);
    expect(retryAfterMs(undefined, 'Please try again in 1.2s.')).toBe(1200);
    expect(retryAfterMs(undefined, 'slow down')).toBeUndefined();
  });
});

describe('redactSecrets and endpointForDisplay', () => {
  it('removes configured keys, bearer tokens and key-shaped strings', () => {
    expect(redactSecrets('my-own-secret-value here', ['my-own-secret-value'])).toBe('[redacted] here');
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('Incorrect API key provided: sk-proj-AbCdEfGh1234')).toBe('Incorrect API key provided: [redacted]');
    expect(redactSecrets('groq gsk_ is not matched but gsk-abcdefgh12 is')).toContain('[redacted]');
  });

  it('shows an endpoint without credentials, query or trailing slash', () => {
    expect(endpointForDisplay('https://user:pass@gw.example.com/openai/v1/?api-key=secret#x')).toBe('https://gw.example.com/openai/v1');
    expect(endpointForDisplay('not a url')).toBe('(invalid URL)');
  });
});
