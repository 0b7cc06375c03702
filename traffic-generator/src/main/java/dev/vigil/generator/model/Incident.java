package dev.vigil.generator.model;

import java.time.Instant;
import java.util.Objects;

/** An incident on one service over {@code [start, end)}. */
public record Incident(String service, IncidentKind kind, Instant start, Instant end, double magnitude) {

    public Incident {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an incident ends after it starts");
        }
        if (kind == IncidentKind.ERROR_SPIKE && (magnitude <= 0 || magnitude > 1)) {
            throw new IllegalArgumentException("an error spike's magnitude is a fraction in (0, 1]: " + magnitude);
        }
        if (kind == IncidentKind.LATENCY_REGRESSION && magnitude <= 0) {
            throw new IllegalArgumentException("a latency regression's magnitude is a positive factor: " + magnitude);
        }
    }

    public boolean activeAt(long epochMillis) {
        return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
    }
}
