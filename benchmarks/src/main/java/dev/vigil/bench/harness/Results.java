package dev.vigil.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one harness run, in the order measured, with the notes that explain them. */
public final class Results {

    /** One measured figure. */
    public record Figure(String key, String label, double value, String unit) {
    }

    /** One of the targets: met or missed, and by how much. */
    public record Target(String what, String goal, String measured, boolean met, String margin) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    void put(String key, String label, double value, String unit) {
        figures.put(key, new Figure(key, label, value, unit));
    }

    void note(String text) {
        notes.add(text);
    }

    void target(Target t) {
        targets.add(t);
    }

    public double get(String key) {
        Figure f = figures.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no figure " + key + "; have " + figures.keySet());
        }
        return f.value();
    }

    public boolean has(String key) {
        return figures.containsKey(key);
    }

    public Map<String, Figure> figures() {
        return figures;
    }

    public List<String> notes() {
        return notes;
    }

    public List<Target> targets() {
        return targets;
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.2f" : "%.4f", v);
    }

    /** The plain-text table printed at the end of a run. */
    public String table() {
        StringBuilder b = new StringBuilder();
        int width = figures.values().stream().mapToInt(f -> f.label().length()).max().orElse(10);
        for (Figure f : figures.values()) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s  %14s %s%n", f.label(), format(f.value()), f.unit()));
        }
        if (!targets.isEmpty()) {
            b.append(System.lineSeparator()).append("  targets:").append(System.lineSeparator());
            for (Target t : targets) {
                b.append(String.format(Locale.ROOT, "  %-6s %s: %s (goal %s; %s)%n", t.met() ? "MET" : "MISSED", t.what(), t.measured(),
                        t.goal(), t.margin()));
            }
        }
        return b.toString();
    }

    /** The markdown tables of a docs section. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| figure | value | unit |\n| --- | ---: | --- |\n");
        for (Figure f : figures.values()) {
            b.append("| ").append(f.label()).append(" | ").append(format(f.value())).append(" | ").append(f.unit()).append(" |\n");
        }
        b.append("\n| target | goal | measured | met? | by how much |\n| --- | --- | --- | --- | --- |\n");
        for (Target t : targets) {
            b.append("| ").append(t.what()).append(" | ").append(t.goal()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() ? "met" : "**missed**").append(" | ").append(t.margin()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            b.append('\n');
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }
}
