package dev.vigil.alerting.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert state change. {@code startsAt} is when the condition became true and {@code endsAt}
 * when it stopped (null while firing), both in the data's time; burn rates are those of the rule's
 * windows at the transition (null for no-data alerts).
 */
public record Transition(String fingerprint, AlertState state, String sloId, String service, Map<String, String> labels,
        Map<String, String> annotations, Instant startsAt, Instant endsAt, Double longBurnRate, Double shortBurnRate,
        Double budgetRemaining) {
}
