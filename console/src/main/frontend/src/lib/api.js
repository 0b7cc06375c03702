// Reading the APIs through the console's same-origin proxy. Never throws: every call answers
// { ok, status, data, stale, servedBy, problem, unreachable } so that pages keep their last good data.

import { normalizeSlo, normalizeSlos } from './shape.js';

export const AGGREGATOR = '/api/aggregator';
export const ALERTING = '/api/alerting';

/** The console's own settings, with defaults for when it cannot say. */
export const DEFAULT_SETTINGS = { refreshSeconds: 5, staleAfterSeconds: 180 };

/** Classify a fetch outcome (pure, for tests): 502/504 from the proxy mean the app is unreachable. */
export function classify(status, body, headers) {
  const problem = body && typeof body === 'object' && typeof body.status === 'number' && (body.title || body.detail) ? body : null;
  const ok = status >= 200 && status < 300;
  return {
    ok,
    status,
    data: ok ? body : null,
    stale: headers?.get?.('X-Vigil-Stale') ?? null,
    servedBy: headers?.get?.('X-Vigil-Served-By') ?? null,
    problem: ok ? null : problem ?? { status, title: `HTTP ${status}`, detail: typeof body === 'string' && body ? body.slice(0, 300) : null },
    unreachable: status === 0 || status === 502 || status === 504,
  };
}

export async function getJson(path, { signal, fetchImpl = globalThis.fetch } = {}) {
  let response;
  try {
    response = await fetchImpl(path, { headers: { Accept: 'application/json' }, signal, cache: 'no-store' });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    // The console itself is gone (or the network is): nothing answered at all.
    return classify(0, { status: 0, title: 'Console unreachable', detail: 'the console did not answer; is it running?' }, null);
  }
  const text = await response.text().catch(() => '');
  let body = text;
  if (text && /json/.test(response.headers.get('Content-Type') || '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return classify(response.status, body, response.headers);
}

const enc = encodeURIComponent;

export const api = {
  settings: (o) => getJson('/api/console/settings', o),
  services: (from, to, o) => getJson(`${AGGREGATOR}/v1/services?from=${from}&to=${to}`, o),
  series: (service, from, to, o) => getJson(`${AGGREGATOR}/v1/services/${enc(service)}/sli?from=${from}&to=${to}`, o),
  endpoints: (service, from, to, o) => getJson(`${AGGREGATOR}/v1/services/${enc(service)}/endpoints?from=${from}&to=${to}`, o),
  slos: (service, o) => getJson(`${ALERTING}/v1/slos${service ? `?service=${enc(service)}` : ''}`, o),
  slo: (id, o) => getJson(`${ALERTING}/v1/slos/${enc(id)}`, o),
  alerts: (state, service, o) => getJson(`${ALERTING}/v1/alerts?state=${enc(state)}&limit=${state === 'resolved' ? 200 : 1000}${service ? `&service=${enc(service)}` : ''}`, o),
};

/**
 * SLOs with their standing. The alerting list carries each SLO's budget and burn rates; should an
 * answer lack them (an older alerting), each SLO's own answer is asked for.
 */
export async function loadSlos(signal, onlyService) {
  const slos = await api.slos(onlyService, { signal });
  if (!slos.ok) return { slos, sloDetails: null };
  const raw = Array.isArray(slos.data) ? slos.data : [];
  const list = normalizeSlos(raw).filter((s) => !onlyService || s.service === onlyService);
  if (raw.every((s) => s && (s.errorBudget || s.burnRates))) return { slos, sloDetails: { ...slos, data: list } };
  const details = await Promise.all(list.map((s) => api.slo(s.id, { signal })));
  const failed = details.find((d) => !d.ok && d.status !== 404);
  const data = details.map((d, i) => (d.ok ? normalizeSlo(d.data) ?? list[i] : list[i]));
  return { slos, sloDetails: failed ? { ...failed, data: null } : { ...slos, data } };
}
