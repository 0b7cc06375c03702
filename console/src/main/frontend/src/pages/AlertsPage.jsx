// Alerts: firing now, and the recent history; each links to its service and SLO at its time.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { usePoll } from '../lib/poll.js';
import { normalizeAlerts, splitAlerts } from '../lib/shape.js';
import { AlertTable } from '../components/Alerts.jsx';
import { SourceStatus, Problem } from '../components/Status.jsx';

const HISTORY = 100;

export function AlertsPage({ now, settings, params }) {
  const [service, setService] = useState(params.service ?? '');
  const { results, loading } = usePoll(async (signal) => {
    const [firing, resolved] = await Promise.all([api.alerts('firing', null, { signal }), api.alerts('resolved', null, { signal })]);
    return { firing, resolved };
  }, 'alerts', settings.refreshSeconds * 1000);

  const all = splitAlerts(results.firing?.data ? normalizeAlerts(results.firing.data) : [], results.resolved?.data ? normalizeAlerts(results.resolved.data) : []);
  const services = [...new Set([...all.firing, ...all.resolved].map((a) => a.service).filter(Boolean))].sort();
  const match = (a) => !service || a.service === service;
  const firing = all.firing.filter(match);
  const resolved = all.resolved.filter(match).slice(0, HISTORY);

  return (
    <section aria-labelledby="alerts-page-title">
      <div class="page-head">
        <h1 id="alerts-page-title" tabIndex={-1}>Alerts</h1>
        <p class="summary" aria-live="polite">{firing.length} firing{service ? ` for ${service}` : ''}</p>
      </div>
      <SourceStatus now={now} loading={loading} sources={[{ name: 'alerting', results: [results.firing, results.resolved] }]} />
      <div class="toolbar">
        <label>
          <span>Service</span>
          <select value={service} onChange={(e) => setService(e.currentTarget.value)}>
            <option value="">all services</option>
            {services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </div>
      {!results.firing?.data && <Problem result={results.firing} what="alerting" />}
      <section aria-labelledby="firing-title" class="block" data-section="firing">
        <h2 id="firing-title">Firing now</h2>
        <AlertTable alerts={firing} now={now} caption="Alerts firing now" empty="Nothing is firing." />
      </section>
      <section aria-labelledby="history-title" class="block" data-section="resolved">
        <h2 id="history-title">Recent history</h2>
        <AlertTable alerts={resolved} now={now} caption="Resolved alerts, newest first" empty="No resolved alerts yet." />
      </section>
    </section>
  );
}
