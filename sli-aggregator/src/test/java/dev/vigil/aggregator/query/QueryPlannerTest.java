package dev.vigil.aggregator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.app.api.ProblemException;

class QueryPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:17:42.123Z");
    private final QueryPlanner planner = new QueryPlanner(QueryLimits.defaults());

    @Test
    void defaultsToTheLastHourInMinutesEndingWithTheCurrentMinute() {
        SeriesPlan plan = planner.series(null, null, null, NOW);
        assertThat(plan.range().resolution()).isEqualTo(Resolution.MINUTE);
        assertThat(plan.range().to()).isEqualTo(Instant.parse("2026-03-01T10:18:00Z"));
        assertThat(plan.range().from()).isEqualTo(Instant.parse("2026-03-01T09:18:00Z"));
        assertThat(plan.stepMs()).isEqualTo(60_000);
        assertThat(plan.points()).isEqualTo(60);
    }

    @Test
    void readsIsoInstantsOffsetsAndEpochMillis() {
        assertThat(QueryPlanner.instant("from", "2026-03-01T10:00:00Z")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(QueryPlanner.instant("from", "2026-03-01T12:00:00+02:00")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(QueryPlanner.instant("from", "2026-03-01T10:00:00")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(QueryPlanner.instant("from", "1772359200000")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(QueryPlanner.duration("step", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(QueryPlanner.duration("step", "PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(QueryPlanner.duration("step", "2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void widensUnalignedRangesToWholeMinutesAndCutsTheLastStep() {
        SeriesPlan plan = planner.series("2026-03-01T09:00:30Z", "2026-03-01T09:10:10Z", "3m", NOW);
        assertThat(plan.range().from()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(plan.range().to()).isEqualTo(Instant.parse("2026-03-01T09:11:00Z"));
        // 11 minutes in steps of 3: 3 + 3 + 3 + 2.
        assertThat(plan.points()).isEqualTo(4);
    }

    @Test
    void longRangesUseHourRollupsWithWholeHourSteps() {
        SeriesPlan day = planner.series("2026-02-28T10:00:00Z", "2026-03-01T10:00:00Z", "1h", NOW);
        assertThat(day.range().resolution()).isEqualTo(Resolution.HOUR);
        assertThat(day.points()).isEqualTo(24);
        SeriesPlan month = planner.series("2026-01-30T10:00:00Z", "2026-03-01T10:00:00Z", null, NOW);
        assertThat(month.range().resolution()).isEqualTo(Resolution.HOUR);
        assertThat(month.stepMs()).isEqualTo(3_600_000);
        assertThat(bad(() -> planner.series("2026-02-28T10:00:00Z", "2026-03-01T10:00:00Z", "5m", NOW)))
                .contains("hour rollups").contains("whole number of hours");
    }

    @Test
    void shortRangesOlderThanTheMinuteRetentionUseHourRollups() {
        SeriesPlan old = planner.series("2026-02-20T10:00:00Z", "2026-02-20T12:00:00Z", "1h", NOW);
        assertThat(old.range().resolution()).isEqualTo(Resolution.HOUR);
        assertThat(bad(() -> planner.series("2026-02-20T10:00:00Z", "2026-02-20T12:00:00Z", "1m", NOW))).contains("kept for 2d");
    }

    @Test
    void rejectsWhatCannotBeAnswered() {
        assertThat(bad(() -> planner.series("2026-03-01T10:00:00Z", "2026-03-01T09:00:00Z", null, NOW))).contains("before");
        assertThat(bad(() -> planner.series("2025-01-01T00:00:00Z", "2026-03-01T09:00:00Z", null, NOW))).contains("at most 35d");
        assertThat(bad(() -> planner.series(null, null, "30s", NOW))).contains("whole number of minutes");
        assertThat(bad(() -> planner.series(null, null, "soon", NOW))).contains("duration");
        assertThat(bad(() -> planner.series("yesterday", null, null, NOW))).contains("ISO-8601");
        assertThat(bad(() -> new QueryPlanner(new QueryLimits(Duration.ofHours(1), Duration.ofDays(35), Duration.ofHours(6), 100,
                Duration.ofDays(2), Duration.ofMinutes(5), 10, 1000)).series("2026-03-01T00:00:00Z", "2026-03-01T06:00:00Z", "1m", NOW)))
                .contains("360 points").contains("at most 100");
        assertThat(bad(() -> planner.lastHours("0", NOW))).contains("between 1 and 840");
        assertThat(bad(() -> planner.lastHours("x", NOW))).contains("whole number");
        assertThat(bad(() -> planner.limit("0"))).contains("between 1 and 1000");
        assertThat(bad(() -> planner.lastWindow("10s", NOW))).contains("window");
        assertThat(bad(() -> TopMetric.parse("latency"))).contains("error_ratio or p99");
    }

    @Test
    void recentWindowsEndWithTheCurrentMinute() {
        TimeRange top = planner.lastWindow(null, NOW);
        assertThat(top.to()).isEqualTo(Instant.parse("2026-03-01T10:18:00Z"));
        assertThat(top.from()).isEqualTo(Instant.parse("2026-03-01T10:13:00Z"));
        TimeRange day = planner.lastHours("24", NOW);
        assertThat(day.resolution()).isEqualTo(Resolution.HOUR);
        assertThat(day.from()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(planner.limit(null)).isEqualTo(10);
    }

    private static String bad(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.getMessage();
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void badHelperFailsWhenNothingIsThrown() {
        assertThatThrownBy(() -> bad(() -> { })).isInstanceOf(AssertionError.class);
    }
}
