package dev.vigil.aggregator.query;

import java.util.Comparator;

import dev.vigil.app.api.ProblemException;

/** What {@code /api/v1/top} ranks by; worst first, ties by traffic then name. */
public enum TopMetric {
    ERROR_RATIO(Comparator.comparing(ServiceSummary::errorRatio, Comparator.nullsLast(Comparator.reverseOrder()))),
    P99(Comparator.comparing(ServiceSummary::p99Ms, Comparator.nullsLast(Comparator.reverseOrder())));

    private final Comparator<ServiceSummary> worstFirst;

    TopMetric(Comparator<ServiceSummary> primary) {
        this.worstFirst = primary.thenComparing(ServiceSummary::total, Comparator.reverseOrder())
                .thenComparing(ServiceSummary::service);
    }

    public Comparator<ServiceSummary> worstFirst() {
        return worstFirst;
    }

    /** Whether a service has the data this metric ranks (no latency, no p99). */
    boolean ranks(ServiceSummary s) {
        return this == ERROR_RATIO ? s.total() > 0 : s.p99Ms() != null;
    }

    public static TopMetric parse(String by) {
        if (by == null || by.isBlank() || by.equalsIgnoreCase("error_ratio")) {
            return ERROR_RATIO;
        }
        if (by.equalsIgnoreCase("p99")) {
            return P99;
        }
        throw ProblemException.badRequest("by must be error_ratio or p99, got '" + by + "'");
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
