package dev.vigil.generator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The incidents of a run. A spec is {@code none}, {@code default}, or comma-separated
 * {@code kind:service:startOffset:duration[:magnitude]} items with offsets from the run's start, e.g.
 * {@code error-spike:checkout:1m:2m:0.3,latency:search:90s:2m:6,outage:payments:4m:3m}.
 */
public record IncidentSchedule(List<Incident> incidents) {

    public IncidentSchedule {
        incidents = List.copyOf(incidents);
    }

    public static IncidentSchedule none() {
        return new IncidentSchedule(List.of());
    }

    /**
     * An error spike (25% 5xx, from +2m for 5m) on the first service, a 5x latency regression (from +4m
     * for 5m) on the second, a total outage (from +6m for 4m) on the third.
     */
    public static IncidentSchedule defaults(List<ServiceProfile> services, Instant start) {
        List<Incident> list = new ArrayList<>();
        if (services.size() > 0) {
            list.add(at(services.get(0).name(), IncidentKind.ERROR_SPIKE, start, "2m", "5m", 0.25));
        }
        if (services.size() > 1) {
            list.add(at(services.get(1).name(), IncidentKind.LATENCY_REGRESSION, start, "4m", "5m", 5));
        }
        if (services.size() > 2) {
            list.add(at(services.get(2).name(), IncidentKind.OUTAGE, start, "6m", "4m", 1));
        }
        return new IncidentSchedule(list);
    }

    private static Incident at(String service, IncidentKind kind, Instant start, String offset, String length, double magnitude) {
        Instant from = start.plus(Durations.parse(offset));
        return new Incident(service, kind, from, from.plus(Durations.parse(length)), magnitude);
    }

    public static IncidentSchedule parse(String spec, List<ServiceProfile> services, Instant start) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equals("none")) {
            return none();
        }
        if (s.equals("default")) {
            return defaults(services, start);
        }
        Set<String> known = new java.util.HashSet<>();
        services.forEach(p -> known.add(p.name()));
        List<Incident> list = new ArrayList<>();
        for (String item : s.split(",")) {
            String[] parts = item.trim().split(":");
            if (parts.length < 4 || parts.length > 5) {
                throw new IllegalArgumentException("incident '" + item + "' is not kind:service:start:duration[:magnitude]");
            }
            IncidentKind kind = IncidentKind.parse(parts[0]);
            String service = parts[1].trim();
            if (!known.contains(service)) {
                throw new IllegalArgumentException("incident '" + item + "' names an unknown service '" + service + "'; known: " + known);
            }
            Duration offset = Durations.parse(parts[2]);
            Duration length = Durations.parse(parts[3]);
            double magnitude = parts.length == 5 ? Double.parseDouble(parts[4]) : kind.defaultMagnitude();
            Instant from = start.plus(offset);
            list.add(new Incident(service, kind, from, from.plus(length), magnitude));
        }
        return new IncidentSchedule(list);
    }

    /** The fraction of requests forced to fail with a server error at {@code t} (0 when none). */
    public double errorFraction(String service, long t) {
        double f = 0;
        for (Incident i : incidents) {
            if (i.kind() == IncidentKind.ERROR_SPIKE && i.service().equals(service) && i.activeAt(t)) {
                f = Math.max(f, i.magnitude());
            }
        }
        return f;
    }

    public double latencyFactor(String service, long t) {
        double f = 1;
        for (Incident i : incidents) {
            if (i.kind() == IncidentKind.LATENCY_REGRESSION && i.service().equals(service) && i.activeAt(t)) {
                f *= i.magnitude();
            }
        }
        return f;
    }

    public boolean outage(String service, long t) {
        for (Incident i : incidents) {
            if (i.kind() == IncidentKind.OUTAGE && i.service().equals(service) && i.activeAt(t)) {
                return true;
            }
        }
        return false;
    }
}
