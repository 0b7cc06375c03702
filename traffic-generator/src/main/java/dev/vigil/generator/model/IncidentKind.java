package dev.vigil.generator.model;

import java.util.Locale;

/** What an incident does to its service while it lasts. */
public enum IncidentKind {
    /** Extra server errors: {@code magnitude} is the fraction of requests that fail with 5xx (e.g. 0.3). */
    ERROR_SPIKE("error-spike"),
    /** Slower requests: latencies multiplied by {@code magnitude} (e.g. 5). */
    LATENCY_REGRESSION("latency"),
    /** No traffic at all. */
    OUTAGE("outage");

    private final String id;

    IncidentKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static IncidentKind parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (IncidentKind k : values()) {
            if (k.id.equals(v) || k.name().toLowerCase(Locale.ROOT).equals(v.replace('-', '_'))) {
                return k;
            }
        }
        if (v.equals("latency-regression")) {
            return LATENCY_REGRESSION;
        }
        throw new IllegalArgumentException("unknown incident kind '" + value + "' (error-spike, latency, outage)");
    }

    /** The magnitude used when a spec leaves it out. */
    public double defaultMagnitude() {
        return switch (this) {
            case ERROR_SPIKE -> 0.25;
            case LATENCY_REGRESSION -> 5;
            case OUTAGE -> 1;
        };
    }
}
