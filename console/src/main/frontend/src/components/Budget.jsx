// The error budget left, as a bar with its number.
import { pct } from '../lib/format.js';
import { LOW_BUDGET } from '../lib/shape.js';

export function budgetClass(fraction) {
  if (typeof fraction !== 'number') return 'bd-none';
  if (fraction <= 0) return 'bd-spent';
  if (fraction < LOW_BUDGET) return 'bd-low';
  return 'bd-ok';
}

export function BudgetBar({ fraction, label }) {
  const has = typeof fraction === 'number';
  const width = has ? Math.max(0, Math.min(1, fraction)) * 100 : 0;
  // Once spent the overrun can be large (-4800%): whole percents are enough there.
  const text = has ? (fraction <= 0 ? `spent (${pct(fraction, 0)})` : pct(fraction, 1)) : 'no data';
  return (
    <span class={`budget ${budgetClass(fraction)}`} data-budget={has ? fraction : ''}>
      <span class="budget-track" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow={has ? Math.round(width) : undefined}
        aria-label={`${label ?? 'Error budget'} left`} aria-valuetext={text}>
        <span class="budget-fill" style={{ width: `${width}%` }} />
      </span>
      <span class="budget-text">{text}</span>
    </span>
  );
}
