import { describe, expect, it } from 'vitest';
import { classify, getJson, loadSlos } from '../src/lib/api.js';
import { mergeResults } from '../src/lib/poll.js';

const headers = (h) => new Headers(h);

function fakeFetch(status, body, type = 'application/json', extra = {}) {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type, ...extra } });
}

describe('api results', () => {
  it('passes data and the stale header through', async () => {
    const r = await getJson('/x', { fetchImpl: fakeFetch(200, [{ service: 'a' }], 'application/json', { 'X-Vigil-Stale': 'standby; lag=3' }) });
    expect(r).toMatchObject({ ok: true, status: 200, data: [{ service: 'a' }], stale: 'standby; lag=3', unreachable: false, problem: null });
  });

  it('reads problem+json and marks 502/504 as unreachable', async () => {
    const problem = { type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'the alerting at http://x is unreachable: connection refused', upstream: 'alerting' };
    const r = await getJson('/x', { fetchImpl: fakeFetch(502, problem, 'application/problem+json') });
    expect(r).toMatchObject({ ok: false, status: 502, data: null, unreachable: true });
    expect(r.problem.detail).toContain('unreachable');
    expect(classify(504, {}, headers({})).unreachable).toBe(true);
    expect(classify(404, { status: 404, title: 'Not Found', detail: 'no requests seen' }, headers({}))).toMatchObject({ unreachable: false, problem: { title: 'Not Found' } });
  });

  it('answers unreachable when the console itself does not answer', async () => {
    const r = await getJson('/x', { fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    expect(r).toMatchObject({ ok: false, status: 0, unreachable: true });
  });

  it('keeps non-JSON error bodies as the detail', async () => {
    const r = await getJson('/x', { fetchImpl: fakeFetch(500, 'boom', 'text/plain') });
    expect(r.problem).toMatchObject({ title: 'HTTP 500', detail: 'boom' });
  });

  it('rethrows aborts so that a superseded poll stops quietly', async () => {
    const abort = async () => { const e = new Error('aborted'); e.name = 'AbortError'; throw e; };
    await expect(getJson('/x', { fetchImpl: abort })).rejects.toThrow('aborted');
  });
});

describe('live merging', () => {
  it('keeps the last good data when a refresh fails, and replaces it when one succeeds', () => {
    const good = { ok: true, data: [1] };
    const first = mergeResults({}, { services: good });
    expect(first.services.data).toEqual([1]);
    expect(typeof first.services.goodAt).toBe('number');
    const failed = mergeResults(first, { services: { ok: false, data: null, unreachable: true } });
    expect(failed.services).toMatchObject({ ok: false, unreachable: true, data: [1], goodAt: first.services.goodAt });
    const again = mergeResults(failed, { services: { ok: true, data: [2] } });
    expect(again.services).toMatchObject({ ok: true, data: [2] });
  });
});

describe('loading SLOs', () => {
  const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const withFetch = async (answers, fn) => {
    const asked = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (url) => {
      asked.push(url);
      const answer = answers[url];
      if (!answer) return json(404, { status: 404, title: 'Not Found' });
      return answer();
    };
    try {
      return [await fn(), asked];
    } finally {
      globalThis.fetch = original;
    }
  };

  it('takes budgets from the list when it carries them: one request', async () => {
    const list = [{ id: 'a', definition: { id: 'a', service: 'checkout', sli: 'availability', target: 0.99 }, errorBudget: { remaining: 0.5, consumed: 0.5 }, burnRates: [] }];
    const [r, asked] = await withFetch({ '/api/alerting/v1/slos?service=checkout': () => json(200, list) }, () => loadSlos(undefined, 'checkout'));
    expect(asked).toEqual(['/api/alerting/v1/slos?service=checkout']);
    expect(r.sloDetails.data.map((s) => [s.id, s.budget.remainingFraction])).toEqual([['a', 0.5]]);
  });

  it('asks each SLO when the list has definitions only', async () => {
    const [r, asked] = await withFetch({
      '/api/alerting/v1/slos': () => json(200, [{ id: 'a', service: 's', target: 0.99 }, { id: 'b c', service: 's', target: 0.9 }]),
      '/api/alerting/v1/slos/a': () => json(200, { id: 'a', definition: { id: 'a', service: 's', target: 0.99 }, errorBudget: { remaining: 0.25 } }),
      '/api/alerting/v1/slos/b%20c': () => json(200, { id: 'b c', definition: { id: 'b c', service: 's', target: 0.9 }, errorBudget: { remaining: -1 } }),
    }, () => loadSlos(undefined));
    expect(asked).toEqual(['/api/alerting/v1/slos', '/api/alerting/v1/slos/a', '/api/alerting/v1/slos/b%20c']);
    expect(r.sloDetails.data.map((s) => s.budget.remainingFraction)).toEqual([0.25, -1]);
  });

  it('reports an unreachable alerting app without details', async () => {
    const [r] = await withFetch({ '/api/alerting/v1/slos': () => json(502, { status: 502, title: 'Bad Gateway', detail: 'unreachable' }) }, () => loadSlos(undefined));
    expect(r.slos).toMatchObject({ ok: false, unreachable: true });
    expect(r.sloDetails).toBeNull();
  });
});
