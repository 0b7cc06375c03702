// Data shaping: the APIs' JSON in, what the pages draw out. Pure functions, tested with Vitest.
import { parseDuration, toEpoch, windowLabel } from './format.js';
import { DAY } from './time.js';

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v) => (typeof v === 'string' && v !== '' ? v : null);
const first = (...vs) => vs.find((v) => v !== undefined && v !== null);

// ---------------------------------------------------------------- sli-aggregator

/** GET /api/v1/services -> [{ service, total, availability, errorRatio, p99Ms, lastSeen }] (lastSeen in epoch ms). */
export function normalizeServices(json) {
  const list = Array.isArray(json) ? json : Array.isArray(json?.services) ? json.services : [];
  return list
    .filter((s) => s && str(s.service))
    .map((s) => ({
      service: s.service,
      total: num(s.total) ?? 0,
      availability: num(s.availability),
      errorRatio: num(s.errorRatio),
      p99Ms: num(s.p99Ms),
      lastSeen: toEpoch(s.lastSeen),
    }));
}

function point(p) {
  const total = num(p.total) ?? 0;
  return {
    start: toEpoch(p.start),
    end: toEpoch(p.end),
    total,
    availabilityErrors: num(p.availabilityErrors) ?? 0,
    clientErrors: num(p.clientErrors) ?? 0,
    // Without requests there is no availability: a gap in the chart, not 100%.
    availability: total > 0 ? num(p.availability) : null,
    errorRatio: total > 0 ? num(p.errorRatio) : null,
    p50Ms: num(p.p50Ms),
    p90Ms: num(p.p90Ms),
    p95Ms: num(p.p95Ms),
    p99Ms: num(p.p99Ms),
    p999Ms: num(p.p999Ms),
  };
}

/**
 * GET /api/v1/services/{service}/sli -> columns for the charts:
 * { service, from, to, step, stepMs, resolution, x[], total[], availabilityErrors[], clientErrors[],
 *   availability[], errorRatio[], p50[], p90[], p99[], points[], summary }.
 */
export function normalizeSeries(json) {
  const points = (Array.isArray(json?.points) ? json.points : []).map(point).filter((p) => p.start !== null);
  points.sort((a, b) => a.start - b.start);
  const col = (k) => points.map((p) => p[k]);
  return {
    service: json?.service ?? null,
    from: toEpoch(json?.from),
    to: toEpoch(json?.to),
    step: json?.step ?? null,
    stepMs: parseDuration(json?.step) ?? (points.length > 1 ? points[1].start - points[0].start : null),
    resolution: json?.resolution ?? null,
    points,
    x: col('start'),
    total: col('total'),
    availabilityErrors: col('availabilityErrors'),
    clientErrors: col('clientErrors'),
    availability: col('availability'),
    errorRatio: col('errorRatio'),
    p50: col('p50Ms'),
    p90: col('p90Ms'),
    p99: col('p99Ms'),
    summary: json?.summary ? point(json.summary) : null,
  };
}

/** GET /api/v1/services/{service}/endpoints -> [{ endpoint, total, availability, errorRatio, clientErrors, p50Ms, p99Ms }], worst first. */
export function normalizeEndpoints(json) {
  const list = Array.isArray(json?.endpoints) ? json.endpoints : Array.isArray(json) ? json : [];
  return list.filter((e) => e && str(e.endpoint)).map((e) => ({ endpoint: e.endpoint, ...point(e) }));
}

// ---------------------------------------------------------------- alerting

/** A period from the Vigil SLO format (30d, calendar-week, calendar-month) as { kind, days, label }. */
export function normalizePeriod(text, periodDays) {
  const t = typeof text === 'string' ? text.trim().toLowerCase().replace(/_/g, '-') : '';
  if (t === 'calendar-week') return { kind: 'calendar-week', days: 7, label: 'calendar week' };
  if (t === 'calendar-month') return { kind: 'calendar-month', days: null, label: 'calendar month' };
  const rolling = /^(\d{1,3})d$/.exec(t);
  const days = rolling ? Number(rolling[1]) : num(periodDays) ?? 30;
  return { kind: 'rolling', days, label: `rolling ${days} days` };
}

/** When the SLO's current period started (UTC calendar periods, as the alerting app counts them). */
export function periodStart(period, now) {
  const d = new Date(now);
  if (period.kind === 'calendar-month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (period.kind === 'calendar-week') {
    const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const sinceMonday = (d.getUTCDay() + 6) % 7;
    return midnight - sinceMonday * DAY;
  }
  return now - (period.days ?? 30) * DAY;
}

function normalizeRule(r) {
  const longMs = first(num(r.longWindowMs), parseDuration(r.longWindow));
  const shortMs = first(num(r.shortWindowMs), parseDuration(r.shortWindow));
  return {
    severity: String(first(r.severity, 'page')).toLowerCase(),
    threshold: num(r.burnRate),
    longWindow: windowLabel(longMs),
    shortWindow: windowLabel(shortMs),
    longWindowMs: longMs,
    shortWindowMs: shortMs,
    longBurnRate: num(r.longBurnRate),
    shortBurnRate: num(r.shortBurnRate),
    longEvents: num(r.longEvents),
    shortEvents: num(r.shortEvents),
    firing: Boolean(first(r.conditionMet, r.firing, false)),
  };
}

/**
 * An SLO as the alerting API shows it (GET /api/v1/slos and /api/v1/slos/{id}): the definition
 * (Vigil SLO format) under `definition`, and its standing beside it: `period` {start, end},
 * `sli` {value, good, total}, `errorBudget` {allowedErrorRatio, totalEvents, consumedEvents,
 * remainingEvents, consumed, remaining}, `burnRates` [rule windows], `timeToExhaustion`
 * {burnRate1h, seconds, at}, `alerts` [firing alerts]. A bare definition (no standing) works too.
 * Answers { id, title, service, endpoint, sli, target, thresholdMs, period, periodStart, labels,
 * runbookUrl, sliValue, budget | null, burnRate1h, timeToExhaustionMs, rules[], alerts[], evaluatedAt }.
 */
export function normalizeSlo(raw) {
  if (!raw || typeof raw !== 'object') return null;
  const def = raw.definition && typeof raw.definition === 'object' ? raw.definition : raw;
  const id = str(first(raw.id, def.id));
  if (!id) return null;
  const b = raw.errorBudget && typeof raw.errorBudget === 'object' ? raw.errorBudget : null;
  const budget = b && {
    total: num(b.totalEvents),
    consumed: num(b.consumedEvents),
    remaining: num(b.remainingEvents),
    remainingFraction: num(b.remaining),
    consumedFraction: num(b.consumed),
    allowedErrorRatio: num(b.allowedErrorRatio),
  };
  const tte = raw.timeToExhaustion && typeof raw.timeToExhaustion === 'object' ? raw.timeToExhaustion : null;
  const sliKind = String(typeof def.sli === 'string' ? def.sli : 'availability').toLowerCase();
  const standing = raw.sli && typeof raw.sli === 'object' ? raw.sli : null;
  return {
    id,
    title: str(def.displayName) ?? id,
    displayName: str(def.displayName),
    description: str(def.description),
    service: str(def.service),
    endpoint: str(def.endpoint),
    sli: sliKind.startsWith('lat') ? 'latency' : 'availability',
    target: num(def.target),
    thresholdMs: num(def.latencyThresholdMs),
    period: normalizePeriod(def.period, def.periodDays),
    periodStart: toEpoch(raw.period?.start),
    labels: def.labels && typeof def.labels === 'object' ? def.labels : {},
    runbookUrl: str(def.runbookUrl),
    sliValue: num(standing?.value),
    sliGood: num(standing?.good),
    sliTotal: num(standing?.total),
    budget: budget && budget.remainingFraction !== null ? budget : null,
    burnRate1h: num(tte?.burnRate1h),
    // null: the budget does not burn; 0: spent.
    timeToExhaustionMs: tte && num(tte.seconds) !== null ? num(tte.seconds) * 1000 : null,
    rules: Array.isArray(raw.burnRates) ? raw.burnRates.filter((r) => r && typeof r === 'object').map(normalizeRule) : [],
    alerts: normalizeAlerts(Array.isArray(raw.alerts) ? raw.alerts : []),
    evaluatedAt: toEpoch(raw.evaluatedAt),
  };
}

/** GET /api/v1/slos (a list, or { slos: [...] }) -> normalized SLOs, by id. */
export function normalizeSlos(json) {
  const list = Array.isArray(json) ? json : Array.isArray(json?.slos) ? json.slos : Array.isArray(json?.items) ? json.items : [];
  return list.map(normalizeSlo).filter(Boolean).sort((a, b) => a.id.localeCompare(b.id));
}

/** One alert (the REST form of the Avro Alert) -> a flat object with its labels picked out. */
export function normalizeAlert(a) {
  if (!a || typeof a !== 'object') return null;
  const labels = a.labels && typeof a.labels === 'object' ? a.labels : {};
  const annotations = a.annotations && typeof a.annotations === 'object' ? a.annotations : {};
  const endsAt = toEpoch(a.endsAt);
  const state = String(first(a.status, a.state, endsAt ? 'resolved' : 'firing')).toLowerCase();
  return {
    fingerprint: first(a.fingerprint, null),
    status: state === 'resolved' ? 'resolved' : 'firing',
    alertname: first(labels.alertname, a.alertname, 'SLOBurnRate'),
    severity: String(first(labels.severity, a.severity, 'page')).toLowerCase(),
    sloId: first(a.sloId, labels.slo, null),
    service: first(a.service, labels.service, null),
    endpoint: first(labels.endpoint, a.endpoint, null),
    longWindow: first(labels.long_window, a.longWindow, null),
    shortWindow: first(labels.short_window, a.shortWindow, null),
    startsAt: toEpoch(a.startsAt),
    endsAt,
    longBurnRate: num(a.longBurnRate),
    shortBurnRate: num(a.shortBurnRate),
    budgetRemaining: num(a.budgetRemaining),
    summary: str(annotations.summary),
    runbookUrl: str(annotations.runbook_url),
    labels,
  };
}

export function normalizeAlerts(json) {
  const list = Array.isArray(json) ? json : Array.isArray(json?.alerts) ? json.alerts : [];
  return list.map(normalizeAlert).filter(Boolean);
}

const SEVERITY_RANK = { page: 0, ticket: 1 };

/**
 * Firing now (pages first, then newest) and recent history (newest end first). When an alert is
 * in both lists (its latest transition was FIRING), it counts as firing.
 */
export function splitAlerts(firingList, resolvedList = []) {
  const firing = [...firingList].filter((a) => a.status === 'firing');
  const firingKeys = new Set(firing.map((a) => `${a.fingerprint}@${a.startsAt}`));
  firing.sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || (b.startsAt ?? 0) - (a.startsAt ?? 0));
  const resolved = [...resolvedList, ...firingList]
    .filter((a) => a.status === 'resolved' && !firingKeys.has(`${a.fingerprint}@${a.startsAt}`));
  const seen = new Set();
  const unique = resolved.filter((a) => {
    const key = `${a.fingerprint}@${a.startsAt}@${a.endsAt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (b.endsAt ?? 0) - (a.endsAt ?? 0));
  return { firing, resolved: unique };
}

// ---------------------------------------------------------------- overview

export const STATUS = {
  critical: { rank: 0, label: 'Paging', description: 'a page alert is firing or an error budget is spent' },
  warning: { rank: 1, label: 'At risk', description: 'a ticket alert is firing or an error budget is below 25%' },
  stale: { rank: 2, label: 'No recent data', description: 'no requests seen recently' },
  unknown: { rank: 3, label: 'Unknown', description: 'the alerting app cannot be reached: SLOs and alerts unknown' },
  ok: { rank: 4, label: 'Healthy', description: 'no alert firing, budgets above 25%' },
};
export const LOW_BUDGET = 0.25;

/**
 * A service's status from its firing alerts, its SLOs' budgets and when it was last seen. Without
 * the alerting app's answers (`alertsKnown` false) a service with traffic is 'unknown', not healthy.
 */
export function statusOf({ firing = [], slos = [], lastSeen = null }, now, staleAfterMs, alertsKnown = true) {
  const budgets = slos.map((s) => s.budget?.remainingFraction).filter((v) => typeof v === 'number');
  if (firing.some((a) => a.severity === 'page') || budgets.some((v) => v <= 0)) return 'critical';
  if (firing.length > 0 || budgets.some((v) => v < LOW_BUDGET)) return 'warning';
  if (lastSeen === null || now - lastSeen > staleAfterMs) return 'stale';
  return alertsKnown ? 'ok' : 'unknown';
}

/**
 * One row per service seen by the aggregator or named by an SLO:
 * { service, total, availability, errorRatio, p99Ms, lastSeen, slos[], minBudget, firing[], status, rank }.
 */
export function overviewRows(services, slos, firingAlerts, now, staleAfterMs, alertsKnown = true) {
  const rows = new Map();
  const row = (name) => {
    if (!rows.has(name)) {
      rows.set(name, { service: name, total: 0, availability: null, errorRatio: null, p99Ms: null, lastSeen: null, slos: [], firing: [] });
    }
    return rows.get(name);
  };
  for (const s of services) Object.assign(row(s.service), s);
  for (const slo of slos) if (slo.service) row(slo.service).slos.push(slo);
  for (const a of firingAlerts) if (a.service && a.status === 'firing') row(a.service).firing.push(a);
  return [...rows.values()].map((r) => {
    const budgets = r.slos.map((s) => s.budget?.remainingFraction).filter((v) => typeof v === 'number');
    const status = statusOf(r, now, staleAfterMs, alertsKnown);
    return { ...r, minBudget: budgets.length ? Math.min(...budgets) : null, status, rank: STATUS[status].rank };
  });
}

const worstFirst = (a, b) => a.rank - b.rank
  || (a.minBudget ?? Infinity) - (b.minBudget ?? Infinity)
  || (b.errorRatio ?? -1) - (a.errorRatio ?? -1)
  || a.service.localeCompare(b.service);

/** Column -> how to read it, and which direction is "worse first" by default. */
export const SORTS = {
  status: { label: 'Status', worst: 'asc' },
  service: { label: 'Service', get: (r) => r.service, worst: 'asc' },
  availability: { label: 'Availability', get: (r) => r.availability, worst: 'asc' },
  errorRatio: { label: 'Error ratio', get: (r) => r.errorRatio, worst: 'desc' },
  p99Ms: { label: 'p99', get: (r) => r.p99Ms, worst: 'desc' },
  total: { label: 'Requests', get: (r) => r.total, worst: 'desc' },
  budget: { label: 'Budget left', get: (r) => r.minBudget, worst: 'asc' },
  lastSeen: { label: 'Last seen', get: (r) => r.lastSeen, worst: 'asc' },
};

/** Sort rows by a column (nulls always last), ties worst first; 'status' asc is the default "worst first". */
export function sortRows(rows, key = 'status', dir = 'asc') {
  const spec = SORTS[key] ?? SORTS.status;
  const sign = dir === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (!spec.get) return sign * worstFirst(a, b) || worstFirst(a, b);
    const va = spec.get(a);
    const vb = spec.get(b);
    if (va === null || va === undefined) return vb === null || vb === undefined ? worstFirst(a, b) : 1;
    if (vb === null || vb === undefined) return -1;
    const c = typeof va === 'string' ? va.localeCompare(vb) : va - vb;
    return sign * c || worstFirst(a, b);
  });
}

/** Rows whose service, SLO ids/names or firing alerts match every word of `q` (case-insensitive). */
export function filterRows(rows, q) {
  const words = (q || '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const text = [r.service, ...r.slos.flatMap((s) => [s.id, s.title]), r.status, STATUS[r.status]?.label]
      .filter(Boolean).join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

// ---------------------------------------------------------------- error budget burn-down

/**
 * The burn-down of an availability SLO from the aggregator's points: at the end of each point, the
 * fraction of the error budget left, counting from the period's start (budget = allowed error
 * ratio x requests so far, as the alerting app counts it). Latency SLOs need counts over their
 * threshold, which the SLI series does not carry, and endpoint SLOs the endpoint's own series:
 * for them this answers null and the page shows the alerting app's current figures only.
 * Answers { x[], remaining[] } (x = point ends, epoch ms).
 */
export function burnDown(points, slo, periodStartMs) {
  // The series is the whole service's: an endpoint's SLO cannot be drawn from it.
  if (!slo || slo.sli !== 'availability' || slo.endpoint || !(slo.target > 0 && slo.target < 1)) return null;
  const allowed = 1 - slo.target;
  let total = 0;
  let bad = 0;
  const x = [];
  const remaining = [];
  for (const p of points) {
    if (p.start < periodStartMs) continue;
    total += p.total;
    bad += p.availabilityErrors;
    x.push(p.end ?? p.start);
    const budget = allowed * total;
    remaining.push(budget > 0 ? 1 - bad / budget : bad > 0 ? 0 : null);
  }
  return { x, remaining };
}
