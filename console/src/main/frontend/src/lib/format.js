// Number and time formatting for people. Every function takes null/undefined and answers '–'.

export const NONE = '–';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** A ratio in [0, 1] as a percentage with enough digits to tell 99.9 from 99.99 (e.g. 0.99953 -> "99.953%"). */
export function pct(ratio, digits) {
  if (!isNum(ratio)) return NONE;
  const p = ratio * 100;
  if (digits === undefined) {
    // Availability lives near 100%: show the nines that matter, but no more than 3 decimals.
    digits = p >= 99.995 && p < 100 ? 3 : p >= 99 ? 2 : p >= 10 ? 1 : 2;
  }
  return `${p.toFixed(digits)}%`;
}

/** Milliseconds, short: 0.42 ms, 12.3 ms, 450 ms, 1.25 s, 2.0 min. */
export function ms(v) {
  if (!isNum(v)) return NONE;
  if (v === 0) return '0 ms';
  if (v < 1) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(2)} s`;
  return `${(v / 60_000).toFixed(1)} min`;
}

/** A count with thousands separators; large counts shortened (12.3k, 4.5M). */
export function count(v) {
  if (!isNum(v)) return NONE;
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return Math.round(v).toLocaleString('en-US');
}

/** A burn rate: 14.4×, 0.52×. */
export function rate(v) {
  if (!isNum(v)) return NONE;
  if (v >= 100) return `${Math.round(v)}×`;
  if (v >= 10) return `${v.toFixed(1)}×`;
  return `${v.toFixed(2)}×`;
}

/** A duration in milliseconds, roughly: 45 s, 12 min, 3 h 20 min, 4 d 6 h. */
export function duration(msValue) {
  if (!isNum(msValue)) return NONE;
  const s = Math.round(Math.abs(msValue) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "12 s ago", "3 min ago", "in 5 min" relative to `now` (epoch ms). */
export function ago(epochMs, now) {
  if (!isNum(epochMs)) return NONE;
  const d = now - epochMs;
  if (Math.abs(d) < 2000) return 'just now';
  return d >= 0 ? `${duration(d)} ago` : `in ${duration(-d)}`;
}

const pad = (n) => String(n).padStart(2, '0');

/** Local wall time: "14:05" (with seconds when asked). */
export function clock(epochMs, seconds = false) {
  if (!isNum(epochMs)) return NONE;
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local date: "Mar 4". */
export function day(epochMs) {
  if (!isNum(epochMs)) return NONE;
  const d = new Date(epochMs);
  return `${MONTHS[d.getMonth()]} ${d.getDate()}`;
}

/** Local date and time: "Mar 4 14:05". */
export function dateTime(epochMs) {
  if (!isNum(epochMs)) return NONE;
  return `${day(epochMs)} ${clock(epochMs)}`;
}

/** An ISO-8601 duration (PT1H30M, P1DT2H, PT0.5S) or a Vigil duration (90s, 5m, 1h, 30d) in ms; null if neither. */
export function parseDuration(text) {
  if (isNum(text)) return text;
  if (typeof text !== 'string') return null;
  const t = text.trim();
  const simple = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(t);
  if (simple) {
    const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[simple[2]];
    return Math.round(Number(simple[1]) * unit);
  }
  const iso = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(t);
  if (iso && t.length > 1 && !/T$/i.test(t)) {
    const [, neg, d, h, m, s] = iso;
    const v = (Number(d || 0) * 86400 + Number(h || 0) * 3600 + Number(m || 0) * 60 + Number(s || 0)) * 1000;
    return Math.round(neg ? -v : v);
  }
  return null;
}

/** A window label from ms: 5m, 1h, 6h, 3d (as Vigil writes rule windows). */
export function windowLabel(msValue) {
  if (!isNum(msValue)) return NONE;
  const units = [['d', 86400e3], ['h', 3600e3], ['m', 60e3], ['s', 1e3]];
  for (const [u, size] of units) {
    if (msValue >= size && msValue % size === 0) return `${msValue / size}${u}`;
  }
  return `${msValue}ms`;
}

/** An instant from the APIs (ISO-8601 string or epoch millis) as epoch ms; null if absent or unreadable. */
export function toEpoch(v) {
  if (isNum(v)) return v;
  if (typeof v !== 'string' || v === '') return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Without trailing zeros after the decimal point, for axis labels: "40.00 s" -> "40 s", "99.80%" -> "99.8%". */
export function trimZeros(text) {
  return String(text).replace(/(\.\d*?)0+(?=\D|$)/, '$1').replace(/\.(?=\D|$)/, '');
}
