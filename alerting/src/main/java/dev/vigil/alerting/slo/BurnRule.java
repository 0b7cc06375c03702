package dev.vigil.alerting.slo;

import java.time.Duration;

/**
 * One multiwindow burn-rate rule: fire when the error budget burns at least {@code burnRate} times
 * the sustainable rate over both the long and the short window.
 */
public record BurnRule(Severity severity, double burnRate, Duration longWindow, Duration shortWindow) {

    public String longLabel() {
        return Durations.format(longWindow);
    }

    public String shortLabel() {
        return Durations.format(shortWindow);
    }
}
