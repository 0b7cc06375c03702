// A table of alerts; every row links to its service and SLO at the alert's time.
import { dateTime, duration, pct, rate } from '../lib/format.js';
import { serviceHref } from '../lib/route.js';
import { alertRange } from '../lib/time.js';

export function alertHref(a, now) {
  const r = alertRange(a.startsAt, a.endsAt, now);
  return serviceHref(a.service, { from: r.from, to: r.to, slo: a.sloId, at: a.startsAt, end: a.endsAt ?? undefined });
}

export function AlertTable({ alerts, now, caption, empty, showService = true }) {
  if (alerts.length === 0) return <p class="empty-note">{empty}</p>;
  return (
    <div class="table-scroll">
      <table class="list alerts">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Alert</th>
            {showService && <th scope="col">Service</th>}
            <th scope="col">Windows</th>
            <th scope="col">Burn rate (long / short)</th>
            <th scope="col">Started</th>
            <th scope="col">{alerts.some((a) => a.endsAt) ? 'Resolved' : 'Firing for'}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={`${a.fingerprint}-${a.startsAt}-${a.endsAt}`} class={`alert-row al-${a.status}`} data-alert={a.fingerprint}
              data-slo={a.sloId} data-service={a.service} data-status={a.status}
              data-severity={a.severity} data-starts={a.startsAt ?? ''}>
              <td data-label="Severity"><span class={`sev sev-${a.severity}`}>{a.severity}</span></td>
              <td data-label="Alert">
                <a href={alertHref(a, now)}>{a.alertname === 'SLONoData' ? 'No data' : 'Burn rate'}: {a.sloId ?? '?'}</a>
                {a.endpoint && <div class="sub">{a.endpoint}</div>}
                {a.summary && <div class="sub">{a.summary}</div>}
              </td>
              {showService && <td data-label="Service"><a href={serviceHref(a.service)}>{a.service}</a></td>}
              <td data-label="Windows">{a.longWindow && a.shortWindow ? `${a.longWindow} / ${a.shortWindow}` : '–'}</td>
              <td data-label="Burn rate">{rate(a.longBurnRate)} / {rate(a.shortBurnRate)}
                {typeof a.budgetRemaining === 'number' && <div class="sub">budget left {pct(a.budgetRemaining, 1)}</div>}</td>
              <td data-label="Started"><time dateTime={a.startsAt ? new Date(a.startsAt).toISOString() : undefined}>{dateTime(a.startsAt)}</time></td>
              <td data-label={a.endsAt ? 'Resolved' : 'Firing for'}>
                {a.endsAt ? <span>{dateTime(a.endsAt)} <span class="sub">after {duration(a.endsAt - a.startsAt)}</span></span>
                  : duration(now - a.startsAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
