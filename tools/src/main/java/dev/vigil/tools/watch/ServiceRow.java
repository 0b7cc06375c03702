package dev.vigil.tools.watch;

/** One service in the live view's table; null where the APIs did not say. */
public record ServiceRow(String service, long total, Double availability, Double errorRatio, Double p99Ms, Double budgetLeft,
        int firing) {
}
