// One service: SLI charts over a range, endpoints, SLOs with budgets and burn rates, alerts.
import { useEffect, useRef } from 'preact/hooks';
import { api, loadSlos } from '../lib/api.js';
import { usePoll } from '../lib/poll.js';
import { count, dateTime, duration, ms, pct, rate } from '../lib/format.js';
import { burnDown, normalizeAlerts, normalizeEndpoints, normalizeSeries, periodStart, splitAlerts, statusOf } from '../lib/shape.js';
import { HOUR, MAX_RANGE, resolveRange } from '../lib/time.js';
import { href } from '../lib/route.js';
import { Chart } from '../components/Chart.jsx';
import { StatusBadge, SourceStatus, Problem } from '../components/Status.jsx';
import { BudgetBar } from '../components/Budget.jsx';
import { AlertTable } from '../components/Alerts.jsx';
import { RangePicker } from '../components/RangePicker.jsx';

const BURN_DOWN_REFRESH_MS = 60_000;
/** Below this much history the burn-down is drawn from minute points (the aggregator answers up to 6 h with minutes). */
const FINE_BURN_DOWN_MS = 5 * HOUR;

/** Where an SLO's burn-down starts: its period's start (at most 30 days back), on the hour as the budget is counted. */
function burnStart(slo, now) {
  const start = Math.max(slo.periodStart ?? periodStart(slo.period, now), now - MAX_RANGE);
  return Math.floor(start / HOUR) * HOUR;
}

function Stat({ label, value, raw, name }) {
  return (
    <div class="stat" data-stat={name} data-v={raw ?? ''}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function SloCard({ slo, focus, burn, now, band }) {
  const ref = useRef(null);
  useEffect(() => {
    if (focus && ref.current) ref.current.scrollIntoView({ block: 'center' });
  }, [focus]);
  const b = slo.budget;
  return (
    <article class={`card slo ${focus ? 'focus' : ''}`} ref={ref} id={`slo-${slo.id}`} data-slo={slo.id} aria-labelledby={`slo-title-${slo.id}`}>
      <header class="card-head">
        <h3 id={`slo-title-${slo.id}`}>{slo.title}</h3>
        <span class="sub">
          {slo.sli === 'latency' ? `latency ≤ ${ms(slo.thresholdMs)}` : 'availability'}
          {slo.endpoint ? ` · ${slo.endpoint}` : ''} · target {pct(slo.target)} · {slo.period.label}
        </span>
      </header>
      {slo.description && <p class="sub">{slo.description}</p>}
      <dl class="stats small">
        <Stat name="sli" label="SLI this period" value={pct(slo.sliValue)} raw={slo.sliValue} />
        <Stat name="budget" label="Budget left" value={<BudgetBar fraction={b?.remainingFraction} label={slo.title} />} raw={b?.remainingFraction} />
        <Stat name="consumed" label="Bad events / budget" value={b && b.consumed !== null ? `${count(b.consumed)} / ${count(b.total)}` : '–'} />
        <Stat name="exhaustion" label="Budget lasts" value={slo.timeToExhaustionMs === null ? 'no burn' : slo.timeToExhaustionMs <= 0 ? 'spent' : duration(slo.timeToExhaustionMs)} raw={slo.timeToExhaustionMs} />
      </dl>
      {slo.rules.length > 0 && (
        <div class="table-scroll">
          <table class="list rules">
            <caption>Burn rates per rule window</caption>
            <thead>
              <tr><th scope="col">Severity</th><th scope="col">Windows</th><th scope="col" class="num">Threshold</th>
                <th scope="col" class="num">Long window</th><th scope="col" class="num">Short window</th><th scope="col">State</th></tr>
            </thead>
            <tbody>
              {slo.rules.map((r) => (
                <tr key={`${r.severity}-${r.longWindow}-${r.shortWindow}`} class={r.firing ? 'firing' : ''}>
                  <td data-label="Severity"><span class={`sev sev-${r.severity}`}>{r.severity}</span></td>
                  <td data-label="Windows">{r.longWindow} / {r.shortWindow}</td>
                  <td class="num" data-label="Threshold">{rate(r.threshold)}</td>
                  <td class={`num ${r.longBurnRate >= r.threshold ? 'over' : ''}`} data-label="Long window">{rate(r.longBurnRate)}</td>
                  <td class={`num ${r.shortBurnRate >= r.threshold ? 'over' : ''}`} data-label="Short window">{rate(r.shortBurnRate)}</td>
                  <td data-label="State">{r.firing ? <b class="firing-text">firing</b> : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {burn && burn.x.length > 0 && (
        <Chart id={`burn-${slo.id}`} title="Error budget left (burn-down)" x={burn.x} from={burn.from} to={burn.to}
          series={[{ key: 'budget', label: 'budget left', values: burn.remaining }]} format={(v) => pct(v, 0)}
          domain={{ max: 1, include: [0, 1] }} refLines={[{ value: 0, label: 'spent' }]}
          band={band} height={160} summary={`budget left ${pct(burn.remaining[burn.remaining.length - 1], 1)} at ${dateTime(burn.x[burn.x.length - 1])}`} />
      )}
      {burn === null && slo.sli === 'latency' && <p class="sub">The burn-down of a latency SLO needs counts over its threshold, which only the alerting app keeps: see the budget above.</p>}
      {slo.runbookUrl && <p><a href={slo.runbookUrl} rel="noopener noreferrer" target="_blank">Runbook</a></p>}
      {slo.alerts.length > 0 && <p class="firing-text">{slo.alerts.length} alert{slo.alerts.length > 1 ? 's' : ''} firing</p>}
      <span class="sr-only">as of {dateTime(now)}</span>
    </article>
  );
}

export function Service({ service, now, settings, params }) {
  const refreshMs = settings.refreshSeconds * 1000;
  const fixed = resolveRange(params, Date.now());
  // From the route itself: a fixed range ending after now is clipped to a moving now, which must not restart polling.
  const rangeKey = fixed.live ? fixed.preset : `${params.from}-${params.to}`;

  const main = usePoll(async (signal) => {
    const r = resolveRange(params, Date.now());
    const [series, endpoints, firing, resolved, slos] = await Promise.all([
      api.series(service, r.from, r.to, { signal }),
      api.endpoints(service, r.from, r.to, { signal }),
      api.alerts('firing', service, { signal }),
      api.alerts('resolved', service, { signal }),
      loadSlos(signal, service),
    ]);
    return { series, endpoints, firing, resolved, ...slos };
  }, `${service}|${rangeKey}`, refreshMs);
  const res = main.results;

  const slos = res.sloDetails?.data ?? [];
  const burnKey = slos.filter((s) => s.sli === 'availability' && !s.endpoint).map((s) => `${s.id}:${s.period.kind}:${s.period.days}:${s.target}`).join(',');
  const burnPoll = usePoll(async (signal) => {
    const nowMs = Date.now();
    const out = {};
    const starts = new Map();
    for (const s of slos) {
      if (s.sli !== 'availability' || s.endpoint) continue;
      starts.set(burnStart(s, nowMs), true);
    }
    await Promise.all([...starts.keys()].map(async (start) => {
      const hourly = await api.series(service, start, nowMs, { signal });
      // A young service (all its traffic in the last few hours) gets minute points instead of a couple of hourly ones.
      const firstHour = hourly.ok ? normalizeSeries(hourly.data).points.find((p) => p.total > 0)?.start : null;
      if (firstHour != null && nowMs - firstHour < FINE_BURN_DOWN_MS) {
        const fine = await api.series(service, firstHour, nowMs, { signal });
        out[`from${start}`] = fine.ok ? fine : hourly;
      } else {
        out[`from${start}`] = hourly;
      }
    }));
    return out;
  }, `${service}|burn|${burnKey}`, Math.max(BURN_DOWN_REFRESH_MS, refreshMs));

  const series = res.series?.data ? normalizeSeries(res.series.data) : null;
  const range = series && series.from !== null ? { ...fixed, from: series.from, to: series.to } : fixed;
  const endpoints = res.endpoints?.data ? normalizeEndpoints(res.endpoints.data) : [];
  const alerts = splitAlerts(res.firing?.data ? normalizeAlerts(res.firing.data) : [], res.resolved?.data ? normalizeAlerts(res.resolved.data) : []);
  const lastSeen = series ? [...series.points].reverse().find((p) => p.total > 0)?.end ?? null : null;
  // The badge says how the service is now, so it is shown on live ranges only.
  const status = statusOf({ firing: alerts.firing, slos, lastSeen }, now, settings.staleAfterSeconds * 1000);
  const band = params.at ? { from: Number(params.at), to: params.end ? Number(params.end) : range.to, label: 'alert firing' } : null;
  const notFound = res.series && !res.series.ok && res.series.status === 404;
  const sum = series?.summary;

  const burnFor = (slo) => {
    if (slo.sli !== 'availability' || slo.endpoint) return null;
    const start = burnStart(slo, Date.now());
    const r = burnPoll.results[`from${start}`];
    if (!r?.data) return undefined;
    const s = normalizeSeries(r.data);
    const bd = burnDown(s.points, slo, start);
    if (!bd) return bd;
    // Start the axis where the budget has data (the whole period once there is that much history).
    const firstValue = bd.remaining.findIndex((v) => v !== null);
    const from = firstValue > 0 ? Math.max(s.from, bd.x[firstValue] - (s.stepMs ?? HOUR)) : s.from;
    return { ...bd, from, to: s.to };
  };

  const availabilityTargets = slos.filter((s) => s.sli === 'availability' && !s.endpoint && s.target)
    .map((s) => ({ value: s.target, label: `${s.title} ${pct(s.target)}` }));
  const latencyThresholds = slos.filter((s) => s.sli === 'latency' && !s.endpoint && s.thresholdMs)
    .map((s) => ({ value: s.thresholdMs, label: `${s.title} ≤ ${ms(s.thresholdMs)}` }));

  return (
    <section aria-labelledby="service-title" data-range-from={range.from} data-range-to={range.to}>
      <nav class="crumbs" aria-label="Breadcrumb"><a href={href('overview')}>Services</a> <span aria-hidden="true">/</span> {service}</nav>
      <div class="page-head">
        <h1 id="service-title" tabIndex={-1}>{service}</h1>
        {!notFound && series && range.live && <StatusBadge status={status} />}
      </div>
      <RangePicker key={rangeKey} service={service} range={range} slo={params.slo} />
      <p class="range-text">
        {range.live ? 'Live: ' : 'Fixed range: '}{dateTime(range.from)} – {dateTime(range.to)}
        {series?.resolution && <span class="sub"> · one point per {series.step ?? series.resolution}</span>}
        {fixed.clipped && <span class="sub"> · clipped to the last 30 days of the asked range</span>}
        {!range.live && <> · <a href={href('service', { service, slo: params.slo })}>back to live</a></>}
      </p>
      <SourceStatus now={now} loading={main.loading} sources={[
        { name: 'sli-aggregator', results: [res.series, res.endpoints] },
        { name: 'alerting', results: [res.slos, res.firing, res.resolved, res.sloDetails] },
      ]} />
      {notFound && <div class="notice notice-error" role="alert"><b>No requests seen for “{service}”.</b> {res.series.problem?.detail}</div>}
      {!series && !notFound && <Problem result={res.series} what="sli-aggregator" />}

      {series && (
        <div class={res.series?.ok === false ? 'is-stale' : ''}>
          <dl class="stats" aria-label="Over the whole range">
            <Stat name="total" label="Requests" value={count(sum?.total)} raw={sum?.total} />
            <Stat name="availability" label="Availability" value={pct(sum?.availability)} raw={sum?.availability} />
            <Stat name="errorRatio" label="Error ratio" value={pct(sum?.errorRatio)} raw={sum?.errorRatio} />
            <Stat name="clientErrors" label="Client errors (4xx)" value={count(sum?.clientErrors)} raw={sum?.clientErrors} />
            <Stat name="p50" label="p50" value={ms(sum?.p50Ms)} raw={sum?.p50Ms} />
            <Stat name="p90" label="p90" value={ms(sum?.p90Ms)} raw={sum?.p90Ms} />
            <Stat name="p99" label="p99" value={ms(sum?.p99Ms)} raw={sum?.p99Ms} />
          </dl>
          <div class="charts">
            <Chart id="availability" title="Availability" x={series.x} from={range.from} to={range.to}
              series={[{ key: 'availability', label: 'availability', values: series.availability }]}
              format={(v) => pct(v)} domain={{ max: 1, minSpan: 0.002 }} refLines={availabilityTargets} band={band}
              summary={`${pct(sum?.availability)} over the range, ${series.x.length} points`} />
            <Chart id="latency" title="Latency" x={series.x} from={range.from} to={range.to}
              series={[
                { key: 'p50', label: 'p50', values: series.p50, dash: '2 3' },
                { key: 'p90', label: 'p90', values: series.p90, dash: '6 3' },
                { key: 'p99', label: 'p99', values: series.p99 },
              ]}
              format={(v) => ms(v)} domain={{ zero: true }} refLines={latencyThresholds} band={band}
              summary={`p50 ${ms(sum?.p50Ms)}, p90 ${ms(sum?.p90Ms)}, p99 ${ms(sum?.p99Ms)} over the range`} />
            <Chart id="traffic" title="Requests per point" x={series.x} from={range.from} to={range.to}
              series={[
                { key: 'total', label: 'requests', values: series.total },
                { key: 'errors', label: 'availability errors', values: series.availabilityErrors },
                { key: 'client', label: 'client errors', values: series.clientErrors, dash: '4 3' },
              ]}
              format={(v) => count(v)} domain={{ zero: true }} band={band}
              summary={`${count(sum?.total)} requests, ${count(sum?.availabilityErrors)} availability errors`} />
          </div>
        </div>
      )}

      <section aria-labelledby="slos-title" class="block">
        <h2 id="slos-title">SLOs</h2>
        {!res.sloDetails?.data && <Problem result={res.sloDetails ?? res.slos} what="alerting" />}
        {res.sloDetails?.data && slos.length === 0 && <p class="empty-note">No SLO for this service. Add one with <code>./vigil slo apply FILE</code>.</p>}
        <div class="cards">
          {slos.map((s) => <SloCard key={s.id} slo={s} focus={params.slo === s.id} burn={burnFor(s)} now={now} band={band} />)}
        </div>
      </section>

      <section aria-labelledby="alerts-title" class="block">
        <h2 id="alerts-title">Alerts</h2>
        {!res.firing?.data && <Problem result={res.firing} what="alerting" />}
        <h3>Firing now</h3>
        <AlertTable alerts={alerts.firing} now={now} caption="Firing alerts" empty="Nothing firing." showService={false} />
        <h3>Recent</h3>
        <AlertTable alerts={alerts.resolved.slice(0, 20)} now={now} caption="Resolved alerts" empty="No resolved alerts." showService={false} />
      </section>

      <section aria-labelledby="endpoints-title" class="block">
        <h2 id="endpoints-title">Endpoints</h2>
        {!res.endpoints?.data && !notFound && <Problem result={res.endpoints} what="sli-aggregator" />}
        {res.endpoints?.data && endpoints.length === 0 && <p class="empty-note">No endpoints in this range.</p>}
        {endpoints.length > 0 && (
          <div class="table-scroll">
            <table class="list endpoints">
              <caption class="sr-only">Endpoints of {service} over the range, worst first</caption>
              <thead>
                <tr><th scope="col">Endpoint</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Availability</th>
                  <th scope="col" class="num">Error ratio</th><th scope="col" class="num">Client errors</th>
                  <th scope="col" class="num">p50</th><th scope="col" class="num">p99</th></tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.endpoint} data-endpoint={e.endpoint}>
                    <th scope="row" data-label="Endpoint"><code>{e.endpoint}</code></th>
                    <td class="num" data-label="Requests">{count(e.total)}</td>
                    <td class="num" data-label="Availability">{pct(e.availability)}</td>
                    <td class="num" data-label="Error ratio">{pct(e.errorRatio)}</td>
                    <td class="num" data-label="Client errors">{count(e.clientErrors)}</td>
                    <td class="num" data-label="p50">{ms(e.p50Ms)}</td>
                    <td class="num" data-label="p99">{ms(e.p99Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
