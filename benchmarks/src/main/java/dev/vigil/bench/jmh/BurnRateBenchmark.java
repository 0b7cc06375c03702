package dev.vigil.bench.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.vigil.alerting.burn.BucketChunk;
import dev.vigil.alerting.burn.BurnEvaluator;
import dev.vigil.alerting.burn.ChunkStore;
import dev.vigil.alerting.burn.Counts;
import dev.vigil.alerting.burn.Resolution;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;

/**
 * Burn-rate evaluation with alerting's own domain classes: record one minute snapshot into an SLO's
 * series (minute and hour bucket chunks, stored encoded as the app's stores hold them) and evaluate
 * the SRE Workbook's four default rules of a 30-day SLO (5m .. 3d windows) over 3 days of history.
 * One operation = one SLI window update of one SLO.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BurnRateBenchmark {

    private static final Instant T = Instant.parse("2026-08-01T00:00:00Z");

    /** Chunks in a map, as encoded bytes (what the state stores hold). */
    static final class MapChunks implements ChunkStore {
        private final Map<Resolution, TreeMap<Long, byte[]>> chunks = new HashMap<>();

        @Override
        public BucketChunk load(Resolution r, long chunk) {
            byte[] b = chunks.computeIfAbsent(r, x -> new TreeMap<>()).get(chunk);
            return b == null ? null : BucketChunk.decode(b);
        }

        @Override
        public void save(Resolution r, long chunk, BucketChunk value) {
            chunks.computeIfAbsent(r, x -> new TreeMap<>()).put(chunk, value.encode());
        }

        @Override
        public void deleteBefore(Resolution r, long chunk) {
            chunks.computeIfAbsent(r, x -> new TreeMap<>()).headMap(chunk).clear();
        }
    }

    private final MapChunks chunks = new MapChunks();
    private final Slo slo = new Slo("checkout-availability", "checkout", null, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30),
            null, null, Map.of(), null, null, null, List.of(), null, null);
    private long k;

    @Setup(Level.Trial)
    public void setUp() {
        for (int m = 0; m < 3 * 24 * 60; m++) {
            long at = T.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(m)).toEpochMilli();
            new SloSeries(chunks).record(at, new Counts(999, 1000), at, 31);
        }
    }

    /** Six growing snapshots per minute (the aggregator publishes a filling window about every 10 s here), then the next minute. */
    @Benchmark
    public Object recordAndEvaluate() {
        long i = ++k;
        long minuteStart = T.toEpochMilli() + (i / 6) * 60_000;
        long total = 160 * (i % 6 + 1);
        SloSeries series = new SloSeries(chunks);
        series.record(minuteStart, new Counts(total - 1, total), minuteStart + 59_000, 31);
        return BurnEvaluator.evaluate(slo, series, minuteStart + 59_000, 100);
    }
}
