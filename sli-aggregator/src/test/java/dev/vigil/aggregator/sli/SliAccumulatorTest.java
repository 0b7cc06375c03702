package dev.vigil.aggregator.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vigil.aggregator.TestEvents;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.sketch.LatencySketches;

class SliAccumulatorTest {

    @Test
    void countsOutcomesStatusClassesAndLatencies() {
        SliAccumulator acc = SliAccumulator.empty()
                .add(Outcome.OK, 200, 10.0)
                .add(Outcome.OK, 204, 30.0)
                .add(Outcome.OK, 101, null)
                .add(Outcome.OK, 302, 5.0)
                .add(Outcome.CLIENT_ERROR, 404, 2.0)
                .add(Outcome.CLIENT_ERROR, 429, Double.NaN)
                .add(Outcome.AVAILABILITY_ERROR, 503, 1000.0)
                .add(Outcome.AVAILABILITY_ERROR, null, null)
                .add(Outcome.AVAILABILITY_ERROR, null, -1.0)
                .add(Outcome.OK, null, 7.0);

        assertThat(acc.total()).isEqualTo(10);
        assertThat(acc.availabilityErrors()).isEqualTo(3);
        assertThat(acc.clientErrors()).isEqualTo(2);
        assertThat(new long[] {acc.statusClass(1), acc.statusClass(2), acc.statusClass(3), acc.statusClass(4), acc.statusClass(5)})
                .containsExactly(1, 2, 1, 2, 1);
        assertThat(acc.noStatus()).isEqualTo(3);
        // Missing, NaN and negative latencies are not latencies.
        assertThat(acc.latencyCount()).isEqualTo(6);
        assertThat(acc.latencyMinMs()).isEqualTo(2.0);
        assertThat(acc.latencyMaxMs()).isEqualTo(1000.0);
        assertThat(acc.latencySumMs()).isEqualTo(1054.0);

        SliStats s = acc.stats();
        assertThat(s.availability()).isEqualTo(0.7, within(1e-12));
        assertThat(s.errorRatio()).isEqualTo(0.3, within(1e-12));
        assertThat(s.meanMs()).isEqualTo(1054.0 / 6, within(1e-9));
        // Sorted latencies 2 5 7 10 30 1000: the (lower) median is 7, within 1%.
        assertThat(s.p50Ms()).isCloseTo(7.0, within(0.07));
        // Rank 0.999 * (6 - 1) = 4.995 falls on the fifth value, 30.
        assertThat(s.p999Ms()).isCloseTo(30.0, within(0.3));
        assertThat(s.maxMs()).isEqualTo(1000.0);
    }

    @Test
    void emptyHasNoRatiosOrQuantiles() {
        SliStats s = SliAccumulator.empty().stats();
        assertThat(s.total()).isZero();
        assertThat(s.availability()).isNull();
        assertThat(s.errorRatio()).isNull();
        assertThat(s.p99Ms()).isNull();
        assertThat(SliAccumulator.fromBytes(SliAccumulator.empty().toBytes()).stats()).isEqualTo(s);
    }

    @Test
    void requestsWithoutLatencyKeepQuantilesEmpty() {
        SliStats s = SliAccumulator.empty().add(Outcome.OK, 200, null).add(Outcome.AVAILABILITY_ERROR, 500, null).stats();
        assertThat(s.total()).isEqualTo(2);
        assertThat(s.availability()).isEqualTo(0.5);
        assertThat(s.latencyCount()).isZero();
        assertThat(s.p50Ms()).isNull();
    }

    @Test
    void encodingRoundTripsEverything() {
        SliAccumulator acc = random(new Random(7), 5_000);
        SliAccumulator back = SliAccumulator.fromBytes(acc.toBytes());
        assertThat(back.stats()).isEqualTo(acc.stats());
        assertThat(back.noStatus()).isEqualTo(acc.noStatus());
        for (int c = 1; c <= 5; c++) {
            assertThat(back.statusClass(c)).isEqualTo(acc.statusClass(c));
        }
        assertThat(back.toBytes()).isEqualTo(acc.toBytes());
    }

    @Test
    void mergingEncodedEqualsMergingAccumulatorsEqualsAddingEverything() {
        Random r = new Random(11);
        SliAccumulator a = random(r, 3_000);
        SliAccumulator b = random(r, 4_000);
        SliAccumulator merged = SliAccumulator.fromBytes(a.toBytes()).merge(b);
        SliAccumulator mergedEncoded = SliAccumulator.fromBytes(a.toBytes()).mergeEncoded(b.toBytes());
        assertThat(mergedEncoded.stats()).isEqualTo(merged.stats());
        assertThat(merged.total()).isEqualTo(7_000);
        assertThat(merged.latencyMinMs()).isEqualTo(Math.min(a.latencyMinMs(), b.latencyMinMs()));
        assertThat(merged.latencyMaxMs()).isEqualTo(Math.max(a.latencyMaxMs(), b.latencyMaxMs()));
        assertThat(merged.sketch().getCount()).isEqualTo(a.latencyCount() + b.latencyCount());
    }

    @Test
    void windowRoundTripCarriesTheScopeAndTheSketch() {
        SliAccumulator acc = random(new Random(3), 1_000);
        long start = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        SliWindow w = acc.toWindow(SliKey.endpoint("checkout", "GET /carts/{id}"), start, start + 60_000, true, 42);
        assertThat(w.getScope()).isEqualTo(SliScope.ENDPOINT);
        assertThat(w.getEndpoint()).isEqualTo("GET /carts/{id}");
        assertThat(w.getRegion()).isNull();
        assertThat(w.getFinal$()).isTrue();
        assertThat(w.getTotal()).isEqualTo(1_000);
        assertThat(w.getCount5xx()).isEqualTo(acc.statusClass(5));
        assertThat(w.getLatencyCount()).isEqualTo(acc.latencyCount());
        assertThat(LatencySketches.decode(w.getLatencySketch()).getCount()).isEqualTo(acc.latencyCount());
        assertThat(SliAccumulator.fromWindow(w).stats()).isEqualTo(acc.stats());

        SliWindow region = acc.toWindow(SliKey.region("checkout", "eu-west-1"), start, start + 60_000, false, 42);
        assertThat(region.getRegion()).isEqualTo("eu-west-1");
        assertThat(region.getEndpoint()).isNull();
    }

    @Test
    void addsRequestEvents() {
        SliAccumulator acc = SliAccumulator.empty()
                .add(TestEvents.event("s", Instant.EPOCH, 500, 12.5))
                .add(TestEvents.event("s", Instant.EPOCH, 404, 1.5));
        assertThat(acc.total()).isEqualTo(2);
        assertThat(acc.availabilityErrors()).isEqualTo(1);
        assertThat(acc.clientErrors()).isEqualTo(1);
        assertThat(acc.latencySumMs()).isEqualTo(14.0);
    }

    @Test
    void rejectsBytesThatAreNotAnAccumulator() {
        assertThatThrownBy(() -> SliAccumulator.fromBytes(new byte[] {9, 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SliAccumulator.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        byte[] truncated = java.util.Arrays.copyOf(random(new Random(1), 100).toBytes(), 5);
        assertThatThrownBy(() -> SliAccumulator.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    static SliAccumulator random(Random r, int n) {
        SliAccumulator acc = SliAccumulator.empty();
        int[] statuses = {200, 200, 200, 201, 301, 404, 429, 500, 503};
        for (int i = 0; i < n; i++) {
            boolean none = r.nextInt(50) == 0;
            Integer status = none ? null : statuses[r.nextInt(statuses.length)];
            Double latency = r.nextInt(20) == 0 ? null : Math.exp(3 + r.nextGaussian());
            acc.add(TestEvents.outcome(status), status, latency);
        }
        return acc;
    }
}
