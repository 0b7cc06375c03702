package dev.vigil.bench.harness;

/**
 * What Prometheus's {@code histogram_quantile} answers from a classic histogram, for comparing
 * Vigil's sketches with the usual alternative on the same data.
 *
 * <p>Faithful to {@code bucketQuantile} in prometheus/promql/quantile.go (v2.x/v3.x):
 * <ul>
 * <li>q &lt; 0 gives -Inf, q &gt; 1 gives +Inf; fewer than two buckets or no observations give NaN;</li>
 * <li>the last bucket must be +Inf; observations = its cumulative count; rank = q * observations;</li>
 * <li>b = the first bucket whose cumulative count is &gt;= rank;</li>
 * <li>if b is the +Inf bucket, the answer is the upper bound of the bucket before it (the highest finite bound);</li>
 * <li>if b is the first bucket and its upper bound is &lt;= 0, the answer is that upper bound;</li>
 * <li>otherwise linear interpolation inside b: its lower bound is the previous bucket's upper bound,
 * or 0 for the first bucket; answer = lower + (upper - lower) * (rank - previous count) / (count in b).</li>
 * </ul>
 * Buckets here are the client libraries' defaults (Go, Java, Python): .005, .01, .025, .05, .1, .25,
 * .5, 1, 2.5, 5, 10 seconds and +Inf.
 */
public final class Prometheus {

    /** The default buckets' upper bounds, in milliseconds. */
    public static final double[] DEFAULT_BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, Double.POSITIVE_INFINITY};

    private final double[] upper;
    private final long[] cumulative;

    private Prometheus(double[] upper, long[] cumulative) {
        this.upper = upper;
        this.cumulative = cumulative;
    }

    /** A cumulative histogram (as a client library exports it: {@code le} buckets) of {@code valuesMs}. */
    public static Prometheus histogram(double[] valuesMs, double[] upperBoundsMs) {
        long[] counts = new long[upperBoundsMs.length];
        for (double v : valuesMs) {
            for (int i = 0; i < upperBoundsMs.length; i++) {
                if (v <= upperBoundsMs[i]) {           // le: less than or equal
                    counts[i]++;
                }
            }
        }
        return new Prometheus(upperBoundsMs.clone(), counts);
    }

    public double quantile(double q) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        int n = upper.length;
        if (n < 2 || !Double.isInfinite(upper[n - 1])) {
            return Double.NaN;
        }
        double observations = cumulative[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && cumulative[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return upper[n - 2];
        }
        if (b == 0 && upper[0] <= 0) {
            return upper[0];
        }
        double bucketStart = 0;
        double bucketEnd = upper[b];
        double count = cumulative[b];
        if (b > 0) {
            bucketStart = upper[b - 1];
            count -= cumulative[b - 1];
            rank -= cumulative[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }
}
