package dev.vigil.alerting.burn;

import java.time.Duration;
import java.time.Instant;

import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.Slo;

/**
 * An SLO's standing over its period: the SLI, and the error budget in events and as fractions.
 * The budget is {@code (1 - target) x total events} so far in the period; consumed is the bad
 * events; remaining may go negative once the budget is blown. Time to exhaustion assumes the
 * current 1h burn rate continues: at burn rate b the whole budget lasts period / b.
 */
public record BudgetStatus(Instant periodStart, Instant periodEnd, Counts counts, Double sli, double allowedErrorRatio,
        double budgetEvents, long consumedEvents, double remainingEvents, double consumedFraction, double remainingFraction,
        double burnRate1h, Duration timeToExhaustion) {

    public static final Duration BURN_WINDOW = Duration.ofHours(1);

    public static BudgetStatus of(Slo slo, SloSeries series, Instant now) {
        Period period = slo.period();
        Instant start = period.start(now);
        long to = Resolution.HOUR.bucket(now.toEpochMilli());
        long from = period instanceof Period.Rolling r ? to - r.days() * 24L + 1 : Resolution.HOUR.bucket(start.toEpochMilli());
        Counts counts = series.range(Resolution.HOUR, from, to);
        double allowed = slo.errorBudget();
        double budgetEvents = allowed * counts.total();
        long bad = counts.bad();
        double consumed = budgetEvents > 0 ? bad / budgetEvents : (bad > 0 ? Double.POSITIVE_INFINITY : 0);
        if (Double.isInfinite(consumed)) {
            consumed = 1;
        }
        double remaining = 1 - consumed;
        double burn1h = series.window(now.toEpochMilli(), BURN_WINDOW).burnRate(allowed);
        Duration tte = null;
        if (remaining <= 0) {
            tte = Duration.ZERO;
        } else if (burn1h > 0) {
            long ms = (long) (remaining * period.length(now).toMillis() / burn1h);
            tte = Duration.ofMillis(ms);
        }
        return new BudgetStatus(start, period instanceof Period.Rolling ? now : start.plus(period.length(now)), counts,
                counts.ratio(), allowed, budgetEvents, bad, budgetEvents - bad, consumed, remaining, burn1h, tte);
    }
}
