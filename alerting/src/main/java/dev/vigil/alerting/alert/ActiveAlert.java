package dev.vigil.alerting.alert;

import java.time.Instant;
import java.util.Map;

/** An alert that is firing now: what its FIRING transition said. */
public record ActiveAlert(String fingerprint, Map<String, String> labels, Instant startsAt) {
}
