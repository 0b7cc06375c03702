package dev.vigil.alerting.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.burn.BudgetStatus;
import dev.vigil.alerting.burn.BurnEvaluator;
import dev.vigil.alerting.burn.RuleStatus;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.slo.Durations;
import dev.vigil.alerting.slo.Slo;

/**
 * The alert lifecycle of one SLO: inactive -> firing -> resolved. Each evaluation compares the
 * alerts whose condition holds now with the ones already firing; only differences become
 * transitions, so an alert that is firing never fires again, and alerts of rules that no longer
 * exist (or whose labels changed) resolve.
 */
public final class SloAlerts {

    private SloAlerts() {
    }

    /** App-wide defaults an SLO may override. */
    public record Settings(long minEvents, Duration noDataAfter, String noDataSeverity) {
    }

    /** The rules as evaluated, and the transitions the evaluation causes. */
    public record Outcome(List<RuleStatus> rules, List<Transition> transitions) {
    }

    /**
     * Evaluates {@code slo} at {@code now} (data time). {@code noData} tells whether the SLO's
     * traffic has stopped for longer than its no-data time; {@code active} holds its firing alerts.
     */
    public static Outcome evaluate(Slo slo, SloSeries series, Instant now, boolean noData, Map<String, ActiveAlert> active,
            Settings settings) {
        return evaluate(EvaluationPlan.of(slo, settings.noDataSeverity()), series, now, noData, active, settings);
    }

    /**
     * The same with the SLO's labels and rules worked out beforehand. {@code active} is asked for
     * its keys and for the alerts that resolve only, so a caller may load alerts lazily.
     */
    public static Outcome evaluate(EvaluationPlan plan, SloSeries series, Instant now, boolean noData, Map<String, ActiveAlert> active,
            Settings settings) {
        Slo slo = plan.slo();
        List<RuleStatus> rules = BurnEvaluator.evaluate(slo, plan.rules(), series, now.toEpochMilli(), settings.minEvents());
        Map<String, Map<String, String>> holding = new LinkedHashMap<>();
        Map<String, RuleStatus> statusByFp = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleStatus rs = rules.get(i);
            String fp = plan.ruleFingerprints().get(i);
            statusByFp.put(fp, rs);
            if (rs.firing() || (rs.holding() && active.containsKey(fp))) {
                holding.put(fp, plan.ruleLabels().get(i));
            }
        }
        if (noData) {
            holding.put(plan.noDataFingerprint(), plan.noDataLabels());
        }
        List<Transition> out = new ArrayList<>();
        Double[] budget = {null};
        for (Map.Entry<String, Map<String, String>> h : holding.entrySet()) {
            if (!active.containsKey(h.getKey())) {
                RuleStatus rs = statusByFp.get(h.getKey());
                out.add(transition(slo, h.getKey(), AlertState.FIRING, h.getValue(), now, null, rs, remaining(slo, series, now, budget),
                        settings));
            }
        }
        for (String fp : List.copyOf(active.keySet())) {
            if (!holding.containsKey(fp)) {
                ActiveAlert a = active.get(fp);
                if (a == null) {
                    continue;
                }
                RuleStatus rs = statusByFp.get(fp);
                out.add(transition(slo, fp, AlertState.RESOLVED, a.labels(), a.startsAt(), now, rs,
                        remaining(slo, series, now, budget), settings));
            }
        }
        return new Outcome(rules, out);
    }

    /** RESOLVED transitions for every firing alert of an SLO that was deleted or changed what it counts. */
    public static List<Transition> resolveAll(String sloId, String service, Map<String, ActiveAlert> active, Instant now, String why) {
        List<Transition> out = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            Map<String, String> ann = new LinkedHashMap<>();
            ann.put("summary", sloId + ": alert ended because " + why);
            ann.put("description", "SLO " + sloId + " " + why + "; its alerts are resolved.");
            out.add(new Transition(a.fingerprint(), AlertState.RESOLVED, sloId, service, a.labels(), ann, a.startsAt(), now, null,
                    null, null));
        }
        return out;
    }

    private static Double remaining(Slo slo, SloSeries series, Instant now, Double[] memo) {
        if (memo[0] == null) {
            memo[0] = BudgetStatus.of(slo, series, now).remainingFraction();
        }
        return memo[0];
    }

    private static Transition transition(Slo slo, String fp, AlertState state, Map<String, String> labels, Instant startsAt,
            Instant endsAt, RuleStatus rs, Double budgetRemaining, Settings settings) {
        boolean noData = AlertLabels.NO_DATA.equals(labels.get("alertname"));
        Map<String, String> ann = new LinkedHashMap<>();
        String what = percent(slo.target()) + " " + slo.sli().text() + " of " + slo.service()
                + (slo.endpoint() == null ? "" : " " + slo.endpoint()) + " over " + slo.period().text()
                + (slo.latencyThresholdMs() == null ? "" : " (good = at or under " + number(slo.latencyThresholdMs()) + " ms)");
        String left = budgetRemaining == null ? "" : " " + percent(budgetRemaining) + " of the error budget left.";
        if (noData) {
            String after = Durations.format(slo.noDataAfterOr(settings.noDataAfter()));
            ann.put("summary", state == AlertState.FIRING ? slo.title() + ": no traffic for " + after
                    : slo.title() + ": traffic is back");
            ann.put("description", "SLO " + slo.id() + " (" + what + ") had traffic and then none for " + after
                    + "; it cannot be evaluated without data." + left);
        } else if (rs != null) {
            String rate = number(rs.rule().burnRate()) + "x";
            ann.put("summary", state == AlertState.FIRING
                    ? slo.title() + ": error budget burning " + number(rs.longBurnRate()) + "x faster than sustainable ("
                            + rs.rule().severity().label() + ", " + rs.rule().longLabel() + "/" + rs.rule().shortLabel() + ")"
                    : slo.title() + ": burn rate back under " + rate + " (" + rs.rule().longLabel() + "/" + rs.rule().shortLabel() + ")");
            ann.put("description", "SLO " + slo.id() + " (" + what + "): burn rate " + number(rs.longBurnRate()) + "x over "
                    + rs.rule().longLabel() + " and " + number(rs.shortBurnRate()) + "x over " + rs.rule().shortLabel()
                    + ", threshold " + rate + " (" + rs.rule().severity().label() + ")." + left);
        } else {
            ann.put("summary", slo.title() + ": alert ended because its rule no longer exists");
            ann.put("description", "SLO " + slo.id() + " (" + what + ") no longer has the rule of this alert." + left);
        }
        if (slo.runbookUrl() != null) {
            ann.put("runbook_url", slo.runbookUrl());
        }
        return new Transition(fp, state, slo.id(), slo.service(), labels, ann, startsAt, endsAt,
                rs == null ? null : rs.longBurnRate(), rs == null ? null : rs.shortBurnRate(), budgetRemaining);
    }

    static String percent(double fraction) {
        BigDecimal p = BigDecimal.valueOf(fraction * 100).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return p.toPlainString() + "%";
    }

    static String number(double v) {
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            return String.valueOf(v);
        }
        // Two decimals, trailing zeros dropped (what "%.2f" and a regex gave, without their cost on every transition).
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
