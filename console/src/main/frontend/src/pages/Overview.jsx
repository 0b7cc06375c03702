// Every service at a glance: status, availability, error ratio, p99, budget left per SLO; worst first.
import { useState } from 'preact/hooks';
import { api, loadSlos } from '../lib/api.js';
import { usePoll } from '../lib/poll.js';
import { ago, count, ms, pct } from '../lib/format.js';
import { filterRows, normalizeServices, normalizeSlos, normalizeAlerts, overviewRows, sortRows, SORTS, STATUS } from '../lib/shape.js';
import { serviceHref } from '../lib/route.js';
import { HOUR, MINUTE, DAY } from '../lib/time.js';
import { StatusBadge, SourceStatus, Problem } from '../components/Status.jsx';
import { BudgetBar } from '../components/Budget.jsx';

export const WINDOWS = [
  { key: '5m', label: 'last 5 minutes', ms: 5 * MINUTE },
  { key: '1h', label: 'last hour', ms: HOUR },
  { key: '24h', label: 'last 24 hours', ms: DAY },
];

export function Overview({ now, settings, params }) {
  const [query, setQuery] = useState(params.q ?? '');
  const [sort, setSort] = useState({ key: 'status', dir: 'asc' });
  const [windowKey, setWindowKey] = useState(WINDOWS.some((w) => w.key === params.window) ? params.window : '1h');
  const win = WINDOWS.find((w) => w.key === windowKey);

  const { results, loading } = usePoll(async (signal) => {
    const to = Date.now();
    const [services, firing, slos] = await Promise.all([
      api.services(to - win.ms, to, { signal }),
      api.alerts('firing', null, { signal }),
      loadSlos(signal),
    ]);
    return { services, firing, ...slos };
  }, `overview-${windowKey}`, settings.refreshSeconds * 1000);

  const services = results.services?.data ? normalizeServices(results.services.data) : [];
  const slos = results.sloDetails?.data ?? (results.slos?.data ? normalizeSlos(results.slos.data) : []);
  const firing = results.firing?.data ? normalizeAlerts(results.firing.data) : [];
  // Budgets and alerts count only once the alerting app has answered (its last good answer is kept).
  const alertsKnown = Boolean(results.firing?.data && (results.sloDetails?.data || results.slos?.data));
  const rows = overviewRows(services, slos, firing, now, settings.staleAfterSeconds * 1000, alertsKnown);
  const shown = sortRows(filterRows(rows, query), sort.key, sort.dir);
  const counts = Object.fromEntries(Object.keys(STATUS).map((k) => [k, rows.filter((r) => r.status === k).length]));

  const onSort = (key) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: SORTS[key].worst }));
  const header = (key, cls) => {
    const active = sort.key === key;
    return (
      <th scope="col" class={cls} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" class="sort" onClick={() => onSort(key)}>
          {key === 'status' ? 'Status' : SORTS[key].label}
          <span aria-hidden="true" class="sort-mark">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="overview-title">
      <div class="page-head">
        <h1 id="overview-title" tabIndex={-1}>Services</h1>
        <p class="summary" aria-live="polite">
          {rows.length} services: {Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${STATUS[k].label.toLowerCase()}`).join(', ') || 'none yet'}
        </p>
      </div>
      <SourceStatus now={now} loading={loading} sources={[
        { name: 'sli-aggregator', results: [results.services] },
        { name: 'alerting', results: [results.slos, results.firing, results.sloDetails] },
      ]} />
      <div class="toolbar">
        <label class="search">
          <span>Search</span>
          <input type="search" value={query} placeholder="service or SLO" onInput={(e) => setQuery(e.currentTarget.value)} aria-controls="services-table" />
        </label>
        <label>
          <span>Window</span>
          <select value={windowKey} onChange={(e) => setWindowKey(e.currentTarget.value)}>
            {WINDOWS.map((w) => <option key={w.key} value={w.key}>{w.label}</option>)}
          </select>
        </label>
      </div>
      {!results.services?.data && <Problem result={results.services} what="sli-aggregator" />}
      {rows.length === 0 && !loading && results.services?.ok && <p class="empty-note">No requests seen in the {win.label} yet.</p>}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table id="services-table" class={`list services ${results.services?.ok === false ? 'is-stale' : ''}`}>
            <caption class="sr-only">Services over the {win.label}, sorted by {sort.key === 'status' ? 'status, worst first' : SORTS[sort.key].label}</caption>
            <thead>
              <tr>
                {header('status')}
                {header('service')}
                {header('availability', 'num')}
                {header('errorRatio', 'num')}
                {header('p99Ms', 'num')}
                {header('total', 'num')}
                {header('budget')}
                {header('lastSeen')}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.service} data-service={r.service} data-status={r.status} class={`st-row-${r.status}`}>
                  <td data-label="Status"><StatusBadge status={r.status} />
                    {r.firing.length > 0 && <div class="sub">{r.firing.length} firing</div>}</td>
                  <th scope="row" data-label="Service"><a href={serviceHref(r.service)}>{r.service}</a></th>
                  <td class="num" data-label="Availability" data-v={r.availability ?? ''}>{pct(r.availability)}</td>
                  <td class="num" data-label="Error ratio" data-v={r.errorRatio ?? ''}>{pct(r.errorRatio)}</td>
                  <td class="num" data-label="p99" data-v={r.p99Ms ?? ''}>{ms(r.p99Ms)}</td>
                  <td class="num" data-label="Requests" data-v={r.total}>{count(r.total)}</td>
                  <td data-label="Budget left">
                    {!alertsKnown ? <span class="sub">unknown (alerting unreachable)</span> : r.slos.length === 0 ? <span class="sub">no SLO</span> : (
                      <ul class="slo-budgets">
                        {r.slos.map((s) => (
                          <li key={s.id} data-slo={s.id}>
                            <a href={serviceHref(r.service, { slo: s.id })} class="slo-name">{s.title}</a>
                            <BudgetBar fraction={s.budget?.remainingFraction} label={s.title} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label="Last seen">{r.lastSeen ? ago(r.lastSeen, now) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p class="empty-note">No service matches “{query}”.</p>}
        </div>
      )}
    </section>
  );
}
