package dev.vigil.alerting.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.slo.BurnRule;
import dev.vigil.alerting.slo.Slo;

/**
 * What evaluating one SLO needs besides its counts, worked out once per definition rather than on
 * every SLI update: its rules (the defaults scaled to its period), the labels and fingerprint of
 * each rule's alert and of its no-data alert, and how many days of hour buckets it keeps.
 */
public record EvaluationPlan(Slo slo, List<BurnRule> rules, List<Map<String, String>> ruleLabels, List<String> ruleFingerprints,
        Map<String, String> noDataLabels, String noDataFingerprint, int retentionDays) {

    public EvaluationPlan {
        rules = List.copyOf(rules);
        ruleLabels = List.copyOf(ruleLabels);
        ruleFingerprints = List.copyOf(ruleFingerprints);
    }

    public static EvaluationPlan of(Slo slo, String noDataSeverity) {
        List<BurnRule> rules = slo.effectiveRules();
        List<Map<String, String>> labels = new ArrayList<>(rules.size());
        List<String> fingerprints = new ArrayList<>(rules.size());
        for (BurnRule rule : rules) {
            Map<String, String> l = Collections.unmodifiableMap(AlertLabels.burnRate(slo, rule));
            labels.add(l);
            fingerprints.add(Fingerprint.hex(l));
        }
        Map<String, String> noData = Collections.unmodifiableMap(AlertLabels.noData(slo, noDataSeverity));
        return new EvaluationPlan(slo, rules, labels, fingerprints, noData, Fingerprint.hex(noData), SloSeries.retentionDays(slo));
    }
}
