package dev.vigil.alerting.slo;

import java.util.Locale;

/** What counts as a good event. */
public enum SliType {
    /** Good = not an availability error (5xx, no response, server-side gRPC failure). */
    AVAILABILITY,
    /** Good = latency at or under the SLO's threshold; requests without a latency do not count. */
    LATENCY;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
