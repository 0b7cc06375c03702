package dev.vigil.alerting.burn;

import dev.vigil.alerting.slo.BurnRule;

/**
 * One rule evaluated at one moment: counts and burn rates over its two windows. {@code firing}
 * says whether the rule's condition is met; {@code holding} whether an alert that already fires
 * should go on firing: both windows still within {@link BurnEvaluator#RESOLVE_HYSTERESIS} of the
 * rate, so a burn rate that hovers at the threshold does not flap on every update.
 */
public record RuleStatus(BurnRule rule, Counts longCounts, Counts shortCounts, double longBurnRate, double shortBurnRate,
        boolean firing, boolean holding) {
}
