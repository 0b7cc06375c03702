package dev.vigil.generator.truth;

import java.util.Arrays;

/** Exact quantiles by the nearest-rank method: the value at rank ceil(q * n) of the sorted values. */
public final class Quantiles {

    private Quantiles() {
    }

    /** {@code sorted} ascending; null when empty. */
    public static Double nearestRank(double[] sorted, int n, double q) {
        if (n == 0) {
            return null;
        }
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.min(n, Math.max(1, rank)) - 1];
    }

    public static double[] sortedCopy(double[] values, int n) {
        double[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return copy;
    }
}
