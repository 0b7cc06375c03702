package dev.vigil.tools.watch;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Draws a {@link Snapshot} as text, with ANSI colours when asked (a terminal without NO_COLOR). */
public final class Screen {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    public Screen(boolean colour) {
        this.colour = colour;
    }

    public String render(Snapshot s) {
        StringBuilder b = new StringBuilder(4096);
        long left = Math.max(0, Duration.between(s.now(), s.endsAt()).toSeconds());
        b.append(paint(BOLD, "Vigil")).append("  ").append(CLOCK.format(s.now())).append(" UTC   ")
                .append(String.format(Locale.ROOT, "%d:%02d left", left / 60, left % 60)).append(" (Ctrl-C stops)\n");
        if (s.banner() != null && !s.banner().isBlank()) {
            b.append(s.banner()).append('\n');
        }
        b.append('\n').append(paint(BOLD, "ALERTS")).append(" (newest first)\n");
        if (s.alerts().isEmpty()) {
            b.append("  none yet\n");
        }
        for (AlertLine a : s.alerts()) {
            String state = a.firing() ? paint(RED, "FIRING  ") : paint(GREEN, "RESOLVED");
            b.append(String.format(Locale.ROOT, "  %s  %s  %-7s %-16s %-28s", CLOCK.format(a.at()), state, a.severity(), a.service(),
                    a.alertname().equals("SLOBurnRate") ? a.slo() : a.alertname() + " " + a.slo()));
            if (a.longBurnRate() != null || a.shortBurnRate() != null) {
                b.append(String.format(Locale.ROOT, "  burn %s %s / %s %s", window(a.longWindow()), rate(a.longBurnRate()),
                        window(a.shortWindow()), rate(a.shortBurnRate())));
            }
            if (a.budgetRemaining() != null) {
                b.append(String.format(Locale.ROOT, "  budget left %s", percent(a.budgetRemaining(), 1)));
            }
            b.append('\n');
        }
        b.append('\n').append(paint(BOLD, String.format(Locale.ROOT, "  %-18s %10s %13s %9s %10s %12s  %s", "SERVICE (1h)", "requests",
                "availability", "errors", "p99", "budget left", "alerts"))).append('\n');
        if (s.services().isEmpty()) {
            b.append("  no data yet\n");
        }
        for (ServiceRow r : s.services()) {
            String availability = r.availability() == null ? "-" : percent(r.availability(), 3);
            if (r.availability() != null && r.availability() < 0.999) {
                availability = paint(RED, String.format(Locale.ROOT, "%13s", availability));
            } else {
                availability = String.format(Locale.ROOT, "%13s", availability);
            }
            String budget = r.budgetLeft() == null ? "-" : percent(r.budgetLeft(), 1);
            budget = r.budgetLeft() != null && r.budgetLeft() < 0.5 ? paint(r.budgetLeft() < 0 ? RED : YELLOW,
                    String.format(Locale.ROOT, "%12s", budget)) : String.format(Locale.ROOT, "%12s", budget);
            b.append(String.format(Locale.ROOT, "  %-18s %,10d %s %9s %10s %s  %s%n", r.service(), r.total(), availability,
                    r.errorRatio() == null ? "-" : percent(r.errorRatio(), 2), r.p99Ms() == null ? "-" : Math.round(r.p99Ms()) + " ms",
                    budget, r.firing() > 0 ? paint(RED, r.firing() + " firing") : ""));
        }
        if (!s.problems().isEmpty()) {
            b.append('\n');
            for (String p : s.problems()) {
                b.append(paint(YELLOW, "  ! " + p)).append('\n');
            }
        }
        return b.toString();
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String window(String w) {
        return w == null ? "long" : w;
    }

    private static String rate(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.1fx", r);
    }

    static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }

    /** Alert lines newest first, at most {@code max}. */
    public static List<AlertLine> newestFirst(List<AlertLine> all, int max) {
        List<AlertLine> copy = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(copy);
        return copy.subList(0, Math.min(max, copy.size()));
    }
}
