package dev.vigil.bench.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.burn.BurnEvaluator;
import dev.vigil.alerting.burn.Counts;
import dev.vigil.alerting.burn.InMemoryChunks;
import dev.vigil.alerting.burn.RuleStatus;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;

/**
 * The burn-rate benchmarks' workload, one SLI update of one SLO at a time without Kafka: a 30-day
 * 99.9% availability SLO (the Workbook's default rules) over {@link InMemoryChunks} holding 3 days
 * of history, then six growing snapshots per minute (the aggregator publishes a filling window about
 * every 10 s), each recorded and evaluated.
 */
final class BurnWorkload {

    private final Slo slo = new Slo("checkout-availability", "checkout", null, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30),
            null, null, Map.of(), null, null, null, List.of(), null, null);
    private final InMemoryChunks chunks = new InMemoryChunks();
    private final long startMs;
    private long updates;

    /** With the 3 days before {@code start} recorded, at 0.1% errors. */
    BurnWorkload(Instant start) {
        startMs = start.toEpochMilli();
        for (int m = 0; m < 3 * 24 * 60; m++) {
            long at = start.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(m)).toEpochMilli();
            new SloSeries(chunks).record(at, new Counts(999, 1000), at, 31);
        }
    }

    /** Records the next snapshot and evaluates the SLO's rules, as the app does for each SLI update. */
    List<RuleStatus> next() {
        long i = ++updates;
        long minuteStart = startMs + (i / 6) * 60_000;
        long total = 160 * (i % 6 + 1);
        SloSeries series = new SloSeries(chunks);
        series.record(minuteStart, new Counts(total - 1, total), minuteStart + 59_000, 31);
        return BurnEvaluator.evaluate(slo, series, minuteStart + 59_000, 100);
    }
}
