package dev.vigil.aggregator.sli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.sketch.LatencySketches;

/**
 * Percentiles of any range, merged from stored windows, stay within 1% (relative) of the exact
 * percentiles of the raw latencies: 1.2 million samples of a heavy-tailed distribution spread over
 * a day of minute windows, each window stored (encoded) and read back before merging.
 */
class QuantileAccuracyTest {

    private static final int SAMPLES = 1_200_000;
    private static final int WINDOWS = 1_440;
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};
    /** The sketch's guarantee, with a hair of floating-point slack. */
    private static final double TOLERANCE = LatencySketches.RELATIVE_ACCURACY + 1e-9;

    @Test
    void mergedWindowsAreWithinOnePercentOfExactQuantilesForAnyRange() {
        Random random = new Random(20260301);
        double[] latencies = new double[SAMPLES];
        int[] windowOf = new int[SAMPLES];
        SliAccumulator[] windows = new SliAccumulator[WINDOWS];
        Arrays.setAll(windows, i -> SliAccumulator.empty());
        for (int i = 0; i < SAMPLES; i++) {
            latencies[i] = heavyTailed(random);
            windowOf[i] = random.nextInt(WINDOWS);
            windows[windowOf[i]].add(Outcome.OK, 200, latencies[i]);
        }
        byte[][] stored = new byte[WINDOWS][];
        for (int w = 0; w < WINDOWS; w++) {
            stored[w] = windows[w].toBytes();
        }

        // The whole day, then a few arbitrary sub-ranges of windows.
        int[][] ranges = {{0, WINDOWS}, {0, 1}, {17, 18 + 59}, {600, 1200}, {1439, 1440}, {100, 1000}};
        for (int[] range : ranges) {
            SliAccumulator merged = SliAccumulator.empty();
            for (int w = range[0]; w < range[1]; w++) {
                merged.mergeEncoded(stored[w]);
            }
            double[] exact = Arrays.stream(indices(windowOf, range)).mapToDouble(i -> latencies[i]).sorted().toArray();
            assertThat(merged.total()).as("count of windows %d..%d", range[0], range[1]).isEqualTo(exact.length);
            assertThat(merged.latencyMinMs()).isEqualTo(exact[0]);
            assertThat(merged.latencyMaxMs()).isEqualTo(exact[exact.length - 1]);
            SliStats s = merged.stats();
            double[] estimated = {s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms()};
            for (int q = 0; q < QUANTILES.length; q++) {
                double truth = exact[(int) Math.floor(QUANTILES[q] * (exact.length - 1))];
                assertThat(Math.abs(estimated[q] - truth) / truth)
                        .as("p%s of windows %d..%d: estimated %s, exact %s", QUANTILES[q] * 100, range[0], range[1], estimated[q], truth)
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @Test
    void theTailIsReallyHeavy() {
        // Guards the test above against testing an easy distribution: p99.9 is far above the median.
        Random random = new Random(1);
        double[] sample = new double[200_000];
        Arrays.setAll(sample, i -> heavyTailed(random));
        Arrays.sort(sample);
        assertThat(sample[(int) (0.999 * (sample.length - 1))] / sample[sample.length / 2]).isGreaterThan(50);
    }

    /** Mostly log-normal around 40 ms, with a Pareto tail (alpha 1.1) of slow requests from 200 ms up. */
    static double heavyTailed(Random random) {
        if (random.nextDouble() < 0.9) {
            return Math.exp(Math.log(40) + 0.6 * random.nextGaussian());
        }
        return 200 / Math.pow(1 - random.nextDouble(), 1 / 1.1);
    }

    private static int[] indices(int[] windowOf, int[] range) {
        return java.util.stream.IntStream.range(0, windowOf.length).filter(i -> windowOf[i] >= range[0] && windowOf[i] < range[1]).toArray();
    }
}
