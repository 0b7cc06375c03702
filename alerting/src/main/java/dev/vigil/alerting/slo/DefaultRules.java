package dev.vigil.alerting.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SRE Workbook's multiwindow, multi-burn-rate rules for a 30-day SLO (page: 14.4x over 1h and
 * 5m, 6x over 6h and 30m; ticket: 3x over 24h and 2h, 1x over 3d and 6h), scaled to other periods
 * the way Pyrra and Sloth do: the burn rates stay, the windows scale with the period (whole
 * minutes, at least one), so each rule still means the same share of the budget.
 */
public final class DefaultRules {

    public static final Duration REFERENCE_PERIOD = Duration.ofDays(30);

    private static final List<BurnRule> WORKBOOK = List.of(
            new BurnRule(Severity.PAGE, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
            new BurnRule(Severity.PAGE, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
            new BurnRule(Severity.TICKET, 3, Duration.ofHours(24), Duration.ofHours(2)),
            new BurnRule(Severity.TICKET, 1, Duration.ofDays(3), Duration.ofHours(6)));

    private DefaultRules() {
    }

    /**
     * The Workbook rules scaled to {@code period}. A burn rate above {@code 1 / (1 - target)} could
     * never be reached (not even a total outage burns faster), so it is capped there: with a
     * target of 0.9 the 14.4x page fires on a total outage instead of never.
     */
    public static List<BurnRule> forPeriod(Period period, double target) {
        double factor = (double) period.nominalLength().toMinutes() / REFERENCE_PERIOD.toMinutes();
        double maxBurn = 1 / (1 - target);
        List<BurnRule> rules = new ArrayList<>();
        for (BurnRule r : WORKBOOK) {
            Duration shortW = scale(r.shortWindow(), factor);
            Duration longW = scale(r.longWindow(), factor);
            if (longW.compareTo(shortW) <= 0) {
                longW = shortW.plusMinutes(1);
            }
            rules.add(new BurnRule(r.severity(), Math.min(r.burnRate(), maxBurn), longW, shortW));
        }
        return List.copyOf(rules);
    }

    private static Duration scale(Duration d, double factor) {
        if (factor == 1.0) {
            return d;
        }
        return Duration.ofMinutes(Math.max(1, Math.round(d.toMinutes() * factor)));
    }
}
