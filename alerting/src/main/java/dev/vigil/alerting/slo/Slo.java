package dev.vigil.alerting.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service level objective, validated (see {@link SloValidator}). {@code rules} empty means the
 * Workbook defaults scaled to the period; {@code minEvents} and {@code noDataAfter} null mean the
 * app's defaults.
 */
public record Slo(String id, String service, String endpoint, SliType sli, Double latencyThresholdMs, double target,
        Period period, String displayName, String description, Map<String, String> labels, String runbookUrl,
        Long minEvents, Duration noDataAfter, List<BurnRule> rules, String origin, Instant updatedAt) {

    public Slo {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        rules = rules == null ? List.of() : List.copyOf(rules);
        period = period == null ? new Period.Rolling(30) : period;
    }

    /** The rules this SLO is evaluated with. */
    public List<BurnRule> effectiveRules() {
        return rules.isEmpty() ? DefaultRules.forPeriod(period, target) : rules;
    }

    /** The allowed error ratio, {@code 1 - target}. */
    public double errorBudget() {
        return 1 - target;
    }

    public long minEventsOr(long fallback) {
        return minEvents == null ? fallback : minEvents;
    }

    public Duration noDataAfterOr(Duration fallback) {
        return noDataAfter == null ? fallback : noDataAfter;
    }

    /**
     * Identifies what is counted (service, endpoint, SLI kind, threshold): counts kept for an SLO
     * are only valid while this stays the same.
     */
    public long countingSignature() {
        // String.hashCode is specified, so the signature is the same in every JVM and after restarts.
        return (service + '\u0000' + endpoint + '\u0000' + sli.name() + '\u0000' + latencyThresholdMs).hashCode() & 0xffffffffL;
    }

    public Slo withOrigin(String newOrigin, Instant newUpdatedAt) {
        return new Slo(id, service, endpoint, sli, latencyThresholdMs, target, period, displayName, description, labels,
                runbookUrl, minEvents, noDataAfter, rules, newOrigin, newUpdatedAt);
    }

    /** Same objective, ignoring where it came from and when it was written. */
    public boolean sameDefinitionAs(Slo other) {
        return other != null && withOrigin(null, null).equals(other.withOrigin(null, null));
    }

    /** A short human name for messages. */
    public String title() {
        return displayName != null ? displayName : id;
    }
}
