package dev.vigil.alerting.query;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;

/** An alert as the REST API shows it (field names as in Alertmanager's API where they exist). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String fingerprint, String status, Map<String, String> labels, Map<String, String> annotations, String sloId,
        String service, Instant startsAt, Instant endsAt, @JsonProperty("generatorURL") String generatorURL, Double longBurnRate,
        Double shortBurnRate, Double budgetRemaining, Instant emittedAt) {

    public static AlertView of(Alert a) {
        return new AlertView(a.getFingerprint(), a.getStatus() == AlertStatus.FIRING ? "firing" : "resolved", a.getLabels(),
                a.getAnnotations(), a.getSloId(), a.getService(), a.getStartsAt(), a.getEndsAt(), a.getGeneratorUrl(),
                a.getLongBurnRate(), a.getShortBurnRate(), a.getBudgetRemaining(), a.getEmittedAt());
    }
}
