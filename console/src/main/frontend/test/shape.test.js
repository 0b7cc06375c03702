import { describe, expect, it } from 'vitest';
import {
  burnDown, filterRows, normalizeAlert, normalizeAlerts, normalizeEndpoints, normalizePeriod, normalizeSeries, normalizeServices,
  normalizeSlo, normalizeSlos, overviewRows, periodStart, sortRows, splitAlerts, statusOf,
} from '../src/lib/shape.js';

const NOW = Date.UTC(2024, 2, 6, 12, 0); // a Wednesday
const MIN = 60_000;
const STALE = 3 * MIN;

const iso = (t) => new Date(t).toISOString();

describe('aggregator answers', () => {
  it('normalizes the services list', () => {
    const json = [
      { service: 'checkout', total: 1200, availability: 0.995, errorRatio: 0.005, p99Ms: 321.5, lastSeen: iso(NOW - MIN) },
      { service: 'search', total: 0, availability: null, errorRatio: null, p99Ms: null, lastSeen: null },
      { total: 3 },
    ];
    expect(normalizeServices(json)).toEqual([
      { service: 'checkout', total: 1200, availability: 0.995, errorRatio: 0.005, p99Ms: 321.5, lastSeen: NOW - MIN },
      { service: 'search', total: 0, availability: null, errorRatio: null, p99Ms: null, lastSeen: null },
    ]);
    expect(normalizeServices({ status: 503 })).toEqual([]);
  });

  it('turns a series into chart columns, with gaps where there were no requests', () => {
    const json = {
      service: 'checkout', from: iso(NOW - 3 * MIN), to: iso(NOW), step: '1m', resolution: 'minute',
      points: [
        { start: iso(NOW - MIN), end: iso(NOW), total: 100, availabilityErrors: 2, clientErrors: 5, availability: 0.98, errorRatio: 0.02, p50Ms: 10, p90Ms: 20, p95Ms: 25, p99Ms: 40, p999Ms: 60 },
        { start: iso(NOW - 3 * MIN), end: iso(NOW - 2 * MIN), total: 50, availabilityErrors: 0, clientErrors: 0, availability: 1, errorRatio: 0, p50Ms: 9, p90Ms: 18, p95Ms: 22, p99Ms: 30, p999Ms: 31 },
        { start: iso(NOW - 2 * MIN), end: iso(NOW - MIN), total: 0, availabilityErrors: 0, clientErrors: 0, availability: null, errorRatio: null, p50Ms: null, p90Ms: null, p95Ms: null, p99Ms: null, p999Ms: null },
      ],
      summary: { start: iso(NOW - 3 * MIN), end: iso(NOW), total: 150, availabilityErrors: 2, clientErrors: 5, availability: 148 / 150, errorRatio: 2 / 150, p50Ms: 10, p90Ms: 19, p95Ms: 24, p99Ms: 39, p999Ms: 60 },
    };
    const s = normalizeSeries(json);
    expect(s.x).toEqual([NOW - 3 * MIN, NOW - 2 * MIN, NOW - MIN]);
    expect(s.total).toEqual([50, 0, 100]);
    expect(s.availability).toEqual([1, null, 0.98]);
    expect(s.p99).toEqual([30, null, 40]);
    expect(s.stepMs).toBe(MIN);
    expect(s.from).toBe(NOW - 3 * MIN);
    expect(s.summary.availability).toBeCloseTo(148 / 150, 12);
  });

  it('normalizes the endpoint breakdown', () => {
    const e = normalizeEndpoints({ service: 'checkout', endpoints: [{ endpoint: 'GET /carts/{id}', total: 10, availabilityErrors: 1, clientErrors: 0, availability: 0.9, errorRatio: 0.1, p50Ms: 5, p99Ms: 9 }] });
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ endpoint: 'GET /carts/{id}', total: 10, availability: 0.9, p99Ms: 9 });
  });
});

describe('alerting answers', () => {
  // As the alerting app answers GET /api/v1/slos/{id} (SloStatusView).
  const sloJson = {
    id: 'checkout-availability',
    definition: {
      id: 'checkout-availability', service: 'checkout', sli: 'availability', target: 0.999, period: '30d', displayName: 'Checkout availability',
      labels: { team: 'payments' }, runbookUrl: 'https://runbooks.example/checkout', minEvents: 50,
      rules: [{ severity: 'page', burnRate: 14.4, longWindow: '5m', shortWindow: '1m' }],
    },
    origin: 'api', updatedAt: iso(NOW - 60 * MIN), evaluatedAt: iso(NOW - 5000),
    period: { start: iso(NOW - 30 * 86_400_000), end: iso(NOW) },
    sli: { value: 0.9985, good: 119_820, total: 120_000 },
    errorBudget: { allowedErrorRatio: 0.001, totalEvents: 120, consumedEvents: 180, remainingEvents: -60, consumed: 1.5, remaining: -0.5 },
    burnRates: [
      { severity: 'page', burnRate: 14.4, longWindow: '5m', shortWindow: '1m', longBurnRate: 20.5, shortBurnRate: 30, longEvents: 3000, shortEvents: 600, conditionMet: true },
      { severity: 'ticket', burnRate: 1, longWindow: '3d', shortWindow: '6h', longBurnRate: 0.4, shortBurnRate: 0.9, longEvents: 9, shortEvents: 1, conditionMet: false },
    ],
    timeToExhaustion: { burnRate1h: 20.5, seconds: 0, at: iso(NOW) },
    alerts: [{ fingerprint: 'a1', status: 'firing', labels: { alertname: 'SLOBurnRate', severity: 'page', slo: 'checkout-availability', service: 'checkout', long_window: '5m', short_window: '1m' }, annotations: { summary: 'Checkout is burning its budget' }, sloId: 'checkout-availability', service: 'checkout', startsAt: iso(NOW - 10 * MIN), longBurnRate: 20.5, shortBurnRate: 30, budgetRemaining: 0.2, emittedAt: iso(NOW - 10 * MIN) }],
  };

  it('normalizes an SLO with its budget, burn rates and firing alerts', () => {
    const s = normalizeSlo(sloJson);
    expect(s).toMatchObject({
      id: 'checkout-availability', title: 'Checkout availability', service: 'checkout', endpoint: null, sli: 'availability', target: 0.999,
      period: { kind: 'rolling', days: 30 }, periodStart: NOW - 30 * 86_400_000, sliValue: 0.9985, sliTotal: 120_000,
      timeToExhaustionMs: 0, burnRate1h: 20.5, runbookUrl: 'https://runbooks.example/checkout', labels: { team: 'payments' },
    });
    expect(s.budget).toEqual({ total: 120, consumed: 180, remaining: -60, remainingFraction: -0.5, consumedFraction: 1.5, allowedErrorRatio: 0.001 });
    expect(s.rules).toEqual([
      expect.objectContaining({ severity: 'page', threshold: 14.4, longWindow: '5m', shortWindow: '1m', longBurnRate: 20.5, shortBurnRate: 30, firing: true }),
      expect.objectContaining({ severity: 'ticket', threshold: 1, longWindow: '3d', shortWindow: '6h', longWindowMs: 259_200_000, firing: false }),
    ]);
    expect(s.alerts).toHaveLength(1);
    expect(s.alerts[0]).toMatchObject({ status: 'firing', severity: 'page', sloId: 'checkout-availability', startsAt: NOW - 10 * MIN,
      longWindow: '5m', shortWindow: '1m', summary: 'Checkout is burning its budget', budgetRemaining: 0.2 });
  });

  it('tells a budget that does not burn from one that is spent', () => {
    const calm = normalizeSlo({ ...sloJson, timeToExhaustion: { burnRate1h: 0, seconds: null, at: null } });
    expect(calm.timeToExhaustionMs).toBeNull();
    const later = normalizeSlo({ ...sloJson, timeToExhaustion: { burnRate1h: 2, seconds: 3600, at: iso(NOW + 3_600_000) } });
    expect(later.timeToExhaustionMs).toBe(3_600_000);
  });

  it('reads a bare definition (no standing yet)', () => {
    const s = normalizeSlo({ id: 'y', service: 'a', sli: 'availability', target: 0.99, period: '7d' });
    expect(s).toMatchObject({ id: 'y', service: 'a', budget: null, rules: [], alerts: [], period: { kind: 'rolling', days: 7 } });
    expect(normalizeSlo({ service: 'no id' })).toBeNull();
    expect(normalizeSlo(null)).toBeNull();
  });

  it('reads latency SLOs and calendar periods', () => {
    const s = normalizeSlo({ id: 'lat', definition: { id: 'lat', service: 'a', sli: 'latency', latencyThresholdMs: 300, target: 0.99, period: 'calendar-month' } });
    expect(s).toMatchObject({ sli: 'latency', thresholdMs: 300, period: { kind: 'calendar-month' } });
    expect(normalizePeriod('calendar-week')).toMatchObject({ kind: 'calendar-week', days: 7 });
    expect(normalizePeriod('90d')).toMatchObject({ kind: 'rolling', days: 90, label: 'rolling 90 days' });
    expect(normalizePeriod(undefined)).toMatchObject({ kind: 'rolling', days: 30 });
  });

  it('knows when periods start (UTC)', () => {
    expect(periodStart({ kind: 'calendar-month' }, NOW)).toBe(Date.UTC(2024, 2, 1));
    expect(periodStart({ kind: 'calendar-week' }, NOW)).toBe(Date.UTC(2024, 2, 4)); // Monday
    expect(periodStart({ kind: 'calendar-week' }, Date.UTC(2024, 2, 10, 23))).toBe(Date.UTC(2024, 2, 4)); // Sunday night
    expect(periodStart({ kind: 'rolling', days: 7 }, NOW)).toBe(NOW - 7 * 86_400_000);
  });

  it('lists SLOs sorted by id from either a list or an object', () => {
    expect(normalizeSlos([{ id: 'b', service: 's' }, { id: 'a', service: 's' }]).map((s) => s.id)).toEqual(['a', 'b']);
    expect(normalizeSlos({ slos: [{ id: 'c', service: 's' }] }).map((s) => s.id)).toEqual(['c']);
  });

  it('splits alerts into firing (pages first) and history (newest first), without duplicates', () => {
    const a = (fp, status, sev, startsAt, endsAt) => normalizeAlert({ fingerprint: fp, status, labels: { severity: sev, slo: 's', service: 'checkout' }, startsAt, endsAt });
    const firing = [a('t', 'FIRING', 'ticket', NOW - 5 * MIN), a('p', 'FIRING', 'page', NOW - 20 * MIN)];
    const resolved = [a('r1', 'RESOLVED', 'page', NOW - 90 * MIN, NOW - 60 * MIN), a('r2', 'RESOLVED', 'page', NOW - 50 * MIN, NOW - 30 * MIN),
      a('r2', 'RESOLVED', 'page', NOW - 50 * MIN, NOW - 30 * MIN)];
    const split = splitAlerts(firing, resolved);
    expect(split.firing.map((x) => x.fingerprint)).toEqual(['p', 't']);
    expect(split.resolved.map((x) => x.fingerprint)).toEqual(['r2', 'r1']);
    expect(split.resolved[0]).toMatchObject({ status: 'resolved', endsAt: NOW - 30 * MIN, service: 'checkout', sloId: 's' });
  });

  it('reads an alert state from endsAt when no status is given', () => {
    expect(normalizeAlert({ fingerprint: 'x', startsAt: NOW, endsAt: NOW + MIN }).status).toBe('resolved');
    expect(normalizeAlerts({ alerts: [{ fingerprint: 'y', startsAt: NOW }] })[0].status).toBe('firing');
  });
});

describe('overview', () => {
  const slo = (id, service, remainingFraction) => ({ id, title: id, service, budget: remainingFraction === undefined ? null : { remainingFraction } });
  const alert = (service, severity) => ({ service, severity, status: 'firing' });

  it('gives every service a status: paging, at risk, no recent data or healthy', () => {
    expect(statusOf({ firing: [alert('a', 'page')], lastSeen: NOW }, NOW, STALE)).toBe('critical');
    expect(statusOf({ slos: [slo('x', 'a', 0)], lastSeen: NOW }, NOW, STALE)).toBe('critical');
    expect(statusOf({ firing: [alert('a', 'ticket')], lastSeen: NOW }, NOW, STALE)).toBe('warning');
    expect(statusOf({ slos: [slo('x', 'a', 0.2)], lastSeen: NOW }, NOW, STALE)).toBe('warning');
    expect(statusOf({ slos: [slo('x', 'a', 0.9)], lastSeen: NOW - 10 * MIN }, NOW, STALE)).toBe('stale');
    expect(statusOf({ lastSeen: null }, NOW, STALE)).toBe('stale');
    expect(statusOf({ slos: [slo('x', 'a', 0.9), slo('y', 'a')], lastSeen: NOW - MIN }, NOW, STALE)).toBe('ok');
    // Without the alerting app's answers, traffic alone does not make a service healthy.
    expect(statusOf({ lastSeen: NOW }, NOW, STALE, false)).toBe('unknown');
    expect(statusOf({ lastSeen: null }, NOW, STALE, false)).toBe('stale');
  });

  const services = [
    { service: 'search', total: 500, availability: 1, errorRatio: 0, p99Ms: 80, lastSeen: NOW },
    { service: 'checkout', total: 300, availability: 0.9, errorRatio: 0.1, p99Ms: 900, lastSeen: NOW },
    { service: 'cart', total: 200, availability: 0.999, errorRatio: 0.001, p99Ms: null, lastSeen: NOW },
    { service: 'legacy', total: 0, availability: null, errorRatio: null, p99Ms: null, lastSeen: NOW - 60 * MIN },
  ];
  const slos = [slo('checkout-availability', 'checkout', -0.2), slo('cart-latency', 'cart', 0.1), slo('cart-availability', 'cart', 0.8), slo('ghost-slo', 'ghost', 1)];
  const rows = overviewRows(services, slos, [alert('checkout', 'page')], NOW, STALE);

  it('joins services, SLOs and alerts, including services known only from an SLO', () => {
    expect(rows.map((r) => r.service).sort()).toEqual(['cart', 'checkout', 'ghost', 'legacy', 'search']);
    const cart = rows.find((r) => r.service === 'cart');
    expect(cart).toMatchObject({ status: 'warning', minBudget: 0.1 });
    expect(cart.slos.map((s) => s.id)).toEqual(['cart-latency', 'cart-availability']);
    expect(rows.find((r) => r.service === 'ghost')).toMatchObject({ status: 'stale', total: 0, lastSeen: null });
    expect(rows.find((r) => r.service === 'checkout').firing).toHaveLength(1);
  });

  it('sorts worst first by default, and by any column with missing values last', () => {
    expect(sortRows(rows).map((r) => r.service)).toEqual(['checkout', 'cart', 'ghost', 'legacy', 'search']);
    expect(sortRows(rows, 'p99Ms', 'desc').map((r) => r.service).slice(0, 2)).toEqual(['checkout', 'search']);
    expect(sortRows(rows, 'p99Ms', 'asc').map((r) => r.service).slice(0, 2)).toEqual(['search', 'checkout']);
    const byName = sortRows(rows, 'service', 'asc').map((r) => r.service);
    expect(byName).toEqual(['cart', 'checkout', 'ghost', 'legacy', 'search']);
    expect(sortRows(rows, 'service', 'desc').map((r) => r.service)).toEqual([...byName].reverse());
    const avail = sortRows(rows, 'availability', 'asc').map((r) => r.service);
    expect(avail.slice(0, 3)).toEqual(['checkout', 'cart', 'search']);
  });

  it('searches services, SLO names and statuses', () => {
    expect(filterRows(rows, 'CHECK').map((r) => r.service)).toEqual(['checkout']);
    expect(filterRows(rows, 'latency').map((r) => r.service)).toEqual(['cart']);
    expect(filterRows(rows, 'paging').map((r) => r.service)).toEqual(['checkout']);
    expect(filterRows(rows, 'cart availability').map((r) => r.service)).toEqual(['cart']);
    expect(filterRows(rows, '  ')).toHaveLength(5);
  });
});

describe('burn-down', () => {
  const hour = 3_600_000;
  const p = (i, total, bad) => ({ start: NOW + i * hour, end: NOW + (i + 1) * hour, total, availabilityErrors: bad });
  const slo = { id: 'a', sli: 'availability', target: 0.99, endpoint: null };

  it('counts the budget left from the period start, as the alerting app does', () => {
    const bd = burnDown([p(-1, 999, 999), p(0, 1000, 0), p(1, 1000, 10), p(2, 0, 0), p(3, 1000, 25)], slo, NOW);
    expect(bd.x).toEqual([NOW + hour, NOW + 2 * hour, NOW + 3 * hour, NOW + 4 * hour]);
    // budget after 2000 requests: 20 bad events; 10 spent -> 50% left; after 3000: 30, 35 spent.
    expect(bd.remaining[0]).toBe(1);
    expect(bd.remaining[1]).toBeCloseTo(0.5, 12);
    expect(bd.remaining[2]).toBeCloseTo(0.5, 12);
    expect(bd.remaining[3]).toBeCloseTo(1 - 35 / 30, 12);
  });

  it('has no value before the first request, and none for SLOs it cannot compute', () => {
    expect(burnDown([p(0, 0, 0)], slo, NOW).remaining).toEqual([null]);
    expect(burnDown([p(0, 10, 1)], { ...slo, sli: 'latency' }, NOW)).toBeNull();
    expect(burnDown([p(0, 10, 1)], { ...slo, endpoint: 'GET /x' }, NOW)).toBeNull();
  });
});
