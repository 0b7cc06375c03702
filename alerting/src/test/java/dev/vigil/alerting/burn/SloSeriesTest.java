package dev.vigil.alerting.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;

class SloSeriesTest {

    static final Instant T = Instant.parse("2026-05-10T07:00:00Z");
    static final long NOW = T.plus(Duration.ofMinutes(30)).toEpochMilli();

    @Test
    void aNewSnapshotReplacesTheMinuteAndAddsOnlyItsDifferenceToTheHour() {
        InMemoryChunks store = new InMemoryChunks();
        SloSeries s = new SloSeries(store);
        long m = T.plus(Duration.ofMinutes(10)).toEpochMilli();
        assertThat(s.record(m, new Counts(900, 1000), NOW, 31)).isEqualTo(new Counts(900, 1000));
        assertThat(s.record(m, new Counts(1800, 2000), NOW, 31)).isEqualTo(new Counts(900, 1000));
        assertThat(s.record(m, new Counts(1800, 2000), NOW, 31)).isEqualTo(Counts.ZERO);
        SloSeries fresh = new SloSeries(store);
        assertThat(fresh.window(NOW, Duration.ofMinutes(30))).isEqualTo(new Counts(1800, 2000));
        assertThat(fresh.window(NOW, Duration.ofDays(1))).isEqualTo(new Counts(1800, 2000));
    }

    @Test
    void windowsAreTheBucketsUpToNowsBucket() {
        SloSeries s = new SloSeries(new InMemoryChunks());
        for (int i = 0; i < 120; i++) {
            long m = T.minus(Duration.ofMinutes(60)).plus(Duration.ofMinutes(i)).toEpochMilli();
            s.record(m, new Counts(i, 100), m + 59_999, 31);
        }
        long now = T.plus(Duration.ofMinutes(59)).plusSeconds(30).toEpochMilli();
        // Minutes 115..119 of the series.
        assertThat(s.window(now, Duration.ofMinutes(5))).isEqualTo(new Counts(115 + 116 + 117 + 118 + 119, 500));
        assertThat(s.window(now, Duration.ofHours(1)).total()).isEqualTo(6000);
        // Eight hours is past the minute horizon: hour buckets (the current hour and the one before, with data).
        assertThat(s.window(now, Duration.ofHours(8)).total()).isEqualTo(12_000);
        assertThat(s.window(now + Duration.ofHours(2).toMillis(), Duration.ofMinutes(5))).isEqualTo(Counts.ZERO);
    }

    @Test
    void snapshotsOlderThanTheMinuteHorizonAreRefused() {
        SloSeries s = new SloSeries(new InMemoryChunks());
        long old = T.minus(Duration.ofHours(7)).toEpochMilli();
        assertThat(s.record(old, new Counts(1, 1), NOW, 31)).isNull();
        assertThat(s.window(NOW, Duration.ofDays(1))).isEqualTo(Counts.ZERO);
    }

    @Test
    void oldChunksAreDropped() {
        InMemoryChunks store = new InMemoryChunks();
        SloSeries s = new SloSeries(store);
        Instant start = T.minus(Duration.ofDays(40));
        for (int d = 0; d <= 40; d++) {
            for (int h = 0; h < 24; h += 6) {
                long m = start.plus(Duration.ofDays(d)).plus(Duration.ofHours(h)).toEpochMilli();
                new SloSeries(store).record(m, new Counts(10, 10), m, 31);
            }
        }
        assertThat(store.count(Resolution.MINUTE)).isLessThanOrEqualTo(8);
        assertThat(store.count(Resolution.HOUR)).isLessThanOrEqualTo(31);
    }

    @Test
    void budgetOverThePeriod() {
        InMemoryChunks store = new InMemoryChunks();
        SloSeries s = new SloSeries(store);
        Slo slo = new Slo("x", "svc", null, SliType.AVAILABILITY, null, 0.99, new Period.Rolling(7), null, null, Map.of(), null, null, null,
                List.of(), null, null);
        // 10,000 requests, 50 bad: the budget is 100 events, half used.
        for (int i = 0; i < 10; i++) {
            long m = T.plus(Duration.ofMinutes(i)).toEpochMilli();
            s.record(m, new Counts(i < 5 ? 990 : 1000, 1000), NOW, 8);
        }
        BudgetStatus b = BudgetStatus.of(slo, new SloSeries(store), Instant.ofEpochMilli(NOW));
        assertThat(b.counts()).isEqualTo(new Counts(9950, 10_000));
        assertThat(b.sli()).isEqualTo(0.995);
        assertThat(b.budgetEvents()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.consumedEvents()).isEqualTo(50);
        assertThat(b.remainingFraction()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        // The last hour burned 0.5% errors = 0.5x; half the budget lasts 0.5 x 7d / 0.5 = 7 days.
        assertThat(b.burnRate1h()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.timeToExhaustion()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void noTrafficMeansNoNaN() {
        Slo slo = new Slo("x", "svc", null, SliType.AVAILABILITY, null, 0.999, new Period.CalendarMonth(), null, null, Map.of(), null, null,
                null, List.of(), null, null);
        BudgetStatus b = BudgetStatus.of(slo, new SloSeries(new InMemoryChunks()), Instant.ofEpochMilli(NOW));
        assertThat(b.sli()).isNull();
        assertThat(b.remainingFraction()).isEqualTo(1.0);
        assertThat(b.burnRate1h()).isEqualTo(0.0);
        assertThat(b.timeToExhaustion()).isNull();
        assertThat(b.periodStart()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(b.periodEnd()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(BurnEvaluator.evaluate(slo, new SloSeries(new InMemoryChunks()), NOW, 0)).allSatisfy(r -> {
            assertThat(r.longBurnRate()).isEqualTo(0.0);
            assertThat(r.firing()).isFalse();
        });
    }

    @Test
    void chunksRoundTrip() {
        BucketChunk c = new BucketChunk(60);
        c.set(0, new Counts(1, 2));
        c.set(59, new Counts(123_456_789_012L, 223_456_789_012L));
        assertThat(BucketChunk.decode(c.encode())).isEqualTo(c);
        assertThat(c.sum(0, 59)).isEqualTo(new Counts(123_456_789_013L, 223_456_789_014L));
    }
}
