package dev.vigil.alerting.burn;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.alerting.slo.BurnRule;
import dev.vigil.alerting.slo.Slo;

/**
 * Multiwindow, multi-burn-rate evaluation (SRE Workbook, "Alerting on SLOs"): a rule holds when the
 * budget burns at least its rate over the long window AND over the short window, and the long
 * window saw at least the minimum number of events. No events means a burn rate of 0, never NaN.
 * An alert already firing goes on while both windows stay within a small margin under the rate.
 */
public final class BurnEvaluator {

    /** Tolerance for ratios that land exactly on a threshold (0.0144 / 0.001 is 14.399999...). */
    static final double EPSILON = 1e-9;
    /** A firing alert resolves once either window burns 5% under the rule's rate. */
    public static final double RESOLVE_HYSTERESIS = 0.05;

    private BurnEvaluator() {
    }

    public static List<RuleStatus> evaluate(Slo slo, SloSeries series, long nowMs, long defaultMinEvents) {
        return evaluate(slo, slo.effectiveRules(), series, nowMs, defaultMinEvents);
    }

    /** The same with the SLO's effective rules worked out beforehand. */
    public static List<RuleStatus> evaluate(Slo slo, List<BurnRule> rules, SloSeries series, long nowMs, long defaultMinEvents) {
        long minEvents = slo.minEventsOr(defaultMinEvents);
        double budget = slo.errorBudget();
        List<RuleStatus> out = new ArrayList<>(rules.size());
        for (BurnRule rule : rules) {
            Counts longC = series.window(nowMs, rule.longWindow());
            Counts shortC = series.window(nowMs, rule.shortWindow());
            double longBurn = longC.burnRate(budget);
            double shortBurn = shortC.burnRate(budget);
            boolean firing = longC.total() > 0 && longC.total() >= minEvents && shortC.total() > 0
                    && longBurn >= rule.burnRate() - EPSILON && shortBurn >= rule.burnRate() - EPSILON;
            double floor = rule.burnRate() * (1 - RESOLVE_HYSTERESIS);
            boolean holding = longC.total() > 0 && shortC.total() > 0 && longBurn >= floor && shortBurn >= floor;
            out.add(new RuleStatus(rule, longC, shortC, longBurn, shortBurn, firing, holding));
        }
        return out;
    }
}
