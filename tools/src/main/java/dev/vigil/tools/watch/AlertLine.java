package dev.vigil.tools.watch;

import java.time.Instant;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;

/** One alert transition as the live view shows it. */
public record AlertLine(String fingerprint, Instant at, boolean firing, String alertname, String severity, String service, String slo,
        String longWindow, String shortWindow, Double longBurnRate, Double shortBurnRate, Double budgetRemaining) {

    public static AlertLine of(Alert a) {
        boolean firing = a.getStatus() == AlertStatus.FIRING;
        Instant at = firing || a.getEndsAt() == null ? a.getStartsAt() : a.getEndsAt();
        return new AlertLine(a.getFingerprint(), at, firing, a.getLabels().getOrDefault("alertname", "?"),
                a.getLabels().getOrDefault("severity", "?"), a.getService(), a.getSloId(), a.getLabels().get("long_window"),
                a.getLabels().get("short_window"), a.getLongBurnRate(), a.getShortBurnRate(), a.getBudgetRemaining());
    }
}
