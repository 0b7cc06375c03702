package dev.vigil.alerting.slo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every SLO obeys, whatever its source; each problem is one precise message. */
public final class SloValidator {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-_.]*");
    public static final int MAX_ID_LENGTH = 128;
    static final Pattern ENDPOINT = Pattern.compile("[A-Z]+ /\\S*");
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels Vigil sets on every alert; an SLO cannot override them. */
    public static final Set<String> RESERVED_LABELS = Set.of("alertname", "slo", "service", "endpoint", "severity",
            "long_window", "short_window");
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);

    private SloValidator() {
    }

    /** Problems of {@code slo}, each prefixed with {@code path} (e.g. {@code slos[0]}); empty when valid. */
    public static List<String> validate(Slo slo, String path) {
        List<String> p = new ArrayList<>();
        String at = path == null || path.isEmpty() ? "" : path + ".";
        if (slo.id() == null || slo.id().isBlank()) {
            p.add(at + "id: required");
        } else if (!ID.matcher(slo.id()).matches() || slo.id().length() > MAX_ID_LENGTH) {
            p.add(at + "id: '" + slo.id() + "' must match [a-z0-9][a-z0-9-_.]* (at most " + MAX_ID_LENGTH + " characters)");
        }
        if (slo.service() == null || slo.service().isBlank()) {
            p.add(at + "service: required");
        } else if (slo.service().length() > 253 || slo.service().chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
            p.add(at + "service: '" + slo.service() + "' must be a service name without spaces or control characters (at most 253 characters)");
        }
        if (slo.endpoint() != null && !ENDPOINT.matcher(slo.endpoint()).matches()) {
            p.add(at + "endpoint: '" + slo.endpoint() + "' must look like 'METHOD /path' (e.g. 'GET /carts/{id}')");
        }
        if (slo.sli() == null) {
            p.add(at + "sli: required (availability or latency)");
        } else if (slo.sli() == SliType.LATENCY) {
            Double t = slo.latencyThresholdMs();
            if (t == null) {
                p.add(at + "latencyThresholdMs: required for a latency SLO");
            } else if (!(t > 0) || t.isInfinite()) {
                p.add(at + "latencyThresholdMs: must be a positive number of milliseconds, got " + t);
            }
        } else if (slo.latencyThresholdMs() != null) {
            p.add(at + "latencyThresholdMs: applies only to latency SLOs (sli: latency)");
        }
        if (!(slo.target() > 0 && slo.target() < 1)) {
            p.add(at + "target: must be between 0 and 1, exclusive (e.g. 0.999), got " + slo.target());
        }
        if (slo.minEvents() != null && slo.minEvents() < 0) {
            p.add(at + "minEvents: must be 0 or more, got " + slo.minEvents());
        }
        if (slo.noDataAfter() != null && slo.noDataAfter().compareTo(MIN_WINDOW) < 0) {
            p.add(at + "noDataAfter: must be at least 1m, got " + Durations.format(slo.noDataAfter()));
        }
        for (Map.Entry<String, String> l : slo.labels().entrySet()) {
            if (!LABEL_NAME.matcher(l.getKey()).matches() || l.getKey().startsWith("__")) {
                p.add(at + "labels: '" + l.getKey() + "' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            } else if (RESERVED_LABELS.contains(l.getKey())) {
                p.add(at + "labels: '" + l.getKey() + "' is set by Vigil on every alert and cannot be overridden");
            }
            if (l.getValue() == null || l.getValue().isEmpty()) {
                p.add(at + "labels." + l.getKey() + ": must not be empty");
            }
        }
        if (slo.runbookUrl() != null) {
            try {
                URI u = URI.create(slo.runbookUrl());
                if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                    p.add(at + "runbookUrl: must be an absolute http(s) URL, got '" + slo.runbookUrl() + "'");
                }
            } catch (IllegalArgumentException e) {
                p.add(at + "runbookUrl: must be an absolute http(s) URL, got '" + slo.runbookUrl() + "'");
            }
        }
        for (int i = 0; i < slo.rules().size(); i++) {
            validateRule(slo, slo.rules().get(i), at + "rules[" + i + "]", p);
        }
        return p;
    }

    private static void validateRule(Slo slo, BurnRule r, String at, List<String> p) {
        if (r.severity() == null) {
            p.add(at + ".severity: required (page or ticket)");
        }
        if (!(r.burnRate() > 0) || Double.isInfinite(r.burnRate())) {
            p.add(at + ".burnRate: must be a positive number, got " + r.burnRate());
        } else if (slo.target() > 0 && slo.target() < 1 && r.burnRate() * (1 - slo.target()) > 1 + 1e-9) {
            p.add(at + ".burnRate: " + r.burnRate() + " can never be reached with target " + slo.target()
                    + " (even a total outage burns at most " + round(1 / (1 - slo.target())) + "x)");
        }
        if (r.longWindow() == null || r.shortWindow() == null) {
            p.add(at + ": longWindow and shortWindow are required");
            return;
        }
        for (var w : List.of(Map.entry("longWindow", r.longWindow()), Map.entry("shortWindow", r.shortWindow()))) {
            if (w.getValue().compareTo(MIN_WINDOW) < 0 || w.getValue().toSeconds() % 60 != 0) {
                p.add(at + "." + w.getKey() + ": must be a whole number of minutes, at least 1m, got " + Durations.format(w.getValue()));
            }
        }
        if (r.shortWindow().compareTo(r.longWindow()) >= 0) {
            p.add(at + ".shortWindow: must be shorter than longWindow (" + Durations.format(r.shortWindow()) + " >= "
                    + Durations.format(r.longWindow()) + ")");
        }
        Duration period = slo.period().nominalLength();
        if (r.longWindow().compareTo(period) > 0) {
            p.add(at + ".longWindow: " + Durations.format(r.longWindow()) + " is longer than the period (" + slo.period().text() + ")");
        }
    }

    private static String round(double v) {
        return String.valueOf(Math.round(v * 100) / 100.0);
    }
}
