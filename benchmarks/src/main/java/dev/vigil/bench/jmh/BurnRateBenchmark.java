package dev.vigil.bench.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

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

    /** Built (3 days of history recorded) once per trial, outside the measurement. */
    private final BurnWorkload workload = new BurnWorkload(Instant.parse("2026-08-01T00:00:00Z"));

    /** Six growing snapshots per minute, then the next minute. */
    @Benchmark
    public Object recordAndEvaluate() {
        return workload.next();
    }
}
