package dev.vigil.alerting.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;

/** The alert lifecycle around the burn-rate core: no data, traffic stopping, definition changes, SLI kinds, bad input. */
class LifecycleTest {

    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");
    static final Instant WALL = Instant.parse("2026-04-01T10:30:00Z");

    private final Fixture f = new Fixture(AlertingSettings.defaults().inMemory(), WALL);

    @AfterEach
    void close() {
        f.close();
    }

    static Slo availability(String id, String endpoint, Map<String, String> labels) {
        return new Slo(id, "checkout", endpoint, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30), null, null, labels, null, null,
                null, List.of(), "test", T);
    }

    static Instant minute(int m) {
        return T.plus(Duration.ofMinutes(m));
    }

    /** Per-minute snapshots of minutes {@code from..to-1}, each with {@code total} requests and {@code errors} errors. */
    void traffic(int from, int to, long total, long errors) {
        for (int m = from; m < to; m++) {
            f.service("checkout", minute(m), total, errors, minute(m).plusMillis(59_999));
        }
    }

    /** Advances the wall clock in evaluation-interval steps, collecting what the punctuations emit. */
    List<Alert> wait(Duration d) {
        List<Alert> out = new ArrayList<>();
        Duration step = f.settings.evaluationInterval();
        for (long s = 0; s < d.toSeconds(); s += step.toSeconds()) {
            f.driver.advanceWallClockTime(step);
            out.addAll(f.drain());
        }
        return out;
    }

    static List<String> names(List<Alert> alerts) {
        return alerts.stream().map(a -> a.getLabels().get("alertname") + ":" + a.getLabels().getOrDefault("long_window", "-") + ":"
                + a.getStatus()).toList();
    }

    /**
     * The per-task cache of decoded counts changes nothing: an outage, its recovery, a redefinition
     * that counts something else, an hour's rollover and the horizon give the same alerts with the
     * cache on as with every count read from the stores.
     */
    @Test
    void theCountCacheChangesNoAlert() {
        List<String> withCache = scenario(AlertingSettings.defaults().inMemory());
        List<String> withoutCache = scenario(AlertingSettings.defaults().inMemory().withSeriesCache(0));
        assertThat(withCache).isNotEmpty().isEqualTo(withoutCache);
        assertThat(withCache).anyMatch(a -> a.contains("FIRING")).anyMatch(a -> a.contains("RESOLVED"));
    }

    static List<String> scenario(AlertingSettings settings) {
        try (Fixture x = new Fixture(settings, WALL)) {
            List<String> out = new ArrayList<>();
            x.define(availability("cache-a", null, Map.of()));
            x.define(availability("cache-b", null, Map.of("team", "b")));
            for (int m = 0; m < 200; m++) {
                long errors = (m >= 70 && m < 80) || (m >= 150 && m < 153) ? 600 : 1;
                // Two snapshots per minute (the second replaces the first), as the aggregator sends them.
                x.service("checkout", minute(m), 500, errors / 2, minute(m).plusSeconds(30));
                x.service("checkout", minute(m), 1000, errors, minute(m).plusMillis(59_999));
                if (m == 120) {
                    // Now it counts an endpoint: its state and counts start afresh, its alerts resolve.
                    x.define(availability("cache-b", "GET /carts/{id}", Map.of("team", "b")));
                }
                if (m >= 120) {
                    x.endpoint("checkout", "GET /carts/{id}", minute(m), 100, m >= 150 && m < 153 ? 90 : 0, minute(m).plusMillis(59_999));
                }
                x.drain().forEach(a -> out.add(a.getSloId() + " " + a.getFingerprint() + " " + a.getStatus() + " " + a.getStartsAt() + " "
                        + a.getEndsAt() + " " + a.getLongBurnRate() + " " + a.getBudgetRemaining()));
            }
            return out;
        }
    }

    @Test
    void noDataFiresWhenTrafficStopsAndResolvesWhenItReturns() {
        f.define(availability("checkout-availability", null, Map.of()));
        traffic(0, 30, 1000, 0);
        assertThat(f.drain()).isEmpty();
        assertThat(wait(Duration.ofSeconds(590))).as("before 10 minutes without traffic").isEmpty();
        List<Alert> fired = wait(Duration.ofSeconds(20));
        assertThat(names(fired)).containsExactly("SLONoData:-:FIRING");
        assertThat(fired.get(0).getLabels()).containsEntry("severity", "ticket").doesNotContainKey("long_window");
        assertThat(wait(Duration.ofMinutes(5))).as("no second FIRING while still no data").isEmpty();

        traffic(30, 31, 1000, 0);
        List<Alert> back = f.drain();
        assertThat(names(back)).containsExactly("SLONoData:-:RESOLVED");
        assertThat(back.get(0).getFingerprint()).isEqualTo(fired.get(0).getFingerprint());
    }

    @Test
    void burnAlertsResolveByWallClockWhenTrafficStops() {
        f.define(availability("checkout-availability", null, Map.of()));
        traffic(0, 60, 1000, 0);
        traffic(60, 65, 1000, 1000);
        List<Alert> fired = f.drain();
        assertThat(names(fired)).contains("SLOBurnRate:1h:FIRING");
        // No more data at all: evaluation time moves on with the wall clock.
        List<Alert> later = wait(Duration.ofMinutes(6));
        Alert resolved = later.stream().filter(a -> "1h".equals(a.getLabels().get("long_window"))).findFirst().orElseThrow();
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        double minutesAfterData = Duration.between(minute(65), resolved.getEndsAt()).toSeconds() / 60.0;
        assertThat(minutesAfterData).isBetween(3.9, 5.1);
    }

    @Test
    void deletingAnSloResolvesItsAlerts() {
        f.define(availability("checkout-availability", null, Map.of()));
        traffic(0, 60, 1000, 0);
        traffic(60, 65, 1000, 1000);
        List<Alert> fired = f.drain();
        assertThat(fired).isNotEmpty().allMatch(a -> a.getStatus() == AlertStatus.FIRING);
        f.delete("checkout-availability");
        List<Alert> resolved = wait(Duration.ofSeconds(10));
        assertThat(resolved).extracting(Alert::getFingerprint)
                .containsExactlyInAnyOrderElementsOf(fired.stream().map(Alert::getFingerprint).toList());
        assertThat(resolved).allSatisfy(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.getAnnotations().get("summary")).contains("was deleted");
        });
        traffic(65, 70, 1000, 1000);
        assertThat(f.drain()).as("a deleted SLO is no longer evaluated").isEmpty();
    }

    @Test
    void changedLabelsResolveTheOldAlertAndFireTheNewOne() {
        f.define(availability("checkout-availability", null, Map.of("team", "payments")));
        traffic(0, 60, 1000, 0);
        traffic(60, 62, 1000, 1000);
        Alert old = f.drain().stream().filter(a -> "1h".equals(a.getLabels().get("long_window"))).findFirst().orElseThrow();
        f.define(availability("checkout-availability", null, Map.of("team", "checkout-core")));
        traffic(62, 63, 1000, 1000);
        List<Alert> after = f.drain().stream().filter(a -> "1h".equals(a.getLabels().get("long_window"))).toList();
        assertThat(after).hasSize(2);
        assertThat(after).filteredOn(a -> a.getStatus() == AlertStatus.RESOLVED).singleElement()
                .satisfies(a -> assertThat(a.getFingerprint()).isEqualTo(old.getFingerprint()));
        assertThat(after).filteredOn(a -> a.getStatus() == AlertStatus.FIRING).singleElement()
                .satisfies(a -> assertThat(a.getLabels()).containsEntry("team", "checkout-core"));
    }

    @Test
    void endpointSlosCountOnlyTheirEndpoint() {
        f.define(availability("carts-availability", "GET /carts/{id}", Map.of()));
        for (int m = 0; m < 60; m++) {
            f.endpoint("checkout", "GET /carts/{id}", minute(m), 500, 0, minute(m).plusMillis(59_999));
            f.endpoint("checkout", "POST /orders", minute(m), 500, 0, minute(m).plusMillis(59_999));
        }
        for (int m = 60; m < 65; m++) {
            f.service("checkout", minute(m), 1000, 500, minute(m).plusMillis(59_999));
            f.endpoint("checkout", "POST /orders", minute(m), 500, 500, minute(m).plusMillis(59_999));
            f.endpoint("checkout", "GET /carts/{id}", minute(m), 500, 0, minute(m).plusMillis(59_999));
        }
        assertThat(f.drain()).as("errors of other endpoints and of the service scope do not count").isEmpty();
        for (int m = 65; m < 68; m++) {
            f.endpoint("checkout", "GET /carts/{id}", minute(m), 500, 500, minute(m).plusMillis(59_999));
        }
        assertThat(f.drain()).isNotEmpty().allSatisfy(a -> assertThat(a.getLabels()).containsEntry("endpoint", "GET /carts/{id}"));
    }

    @Test
    void latencySlosCountRequestsAtOrUnderTheThreshold() {
        f.define(new Slo("checkout-latency", "checkout", null, SliType.LATENCY, 300.0, 0.99, new Period.Rolling(30), null, null, Map.of(),
                null, null, null, List.of(), "test", T));
        List<Double> fast = IntStream.range(0, 200).mapToObj(i -> 20.0 + i).toList();
        List<Double> slowish = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> slowish.add(i % 2 == 0 ? 50.0 : 299.0));
        IntStream.range(0, 100).forEach(i -> slowish.add(i % 2 == 0 ? 320.0 : 900.0));
        for (int m = 0; m < 60; m++) {
            // 1000 requests, of which only 200 report a latency: the others do not count.
            f.pipe(Fixture.window("checkout", SliScope.SERVICE, null, minute(m), 1000, 0, fast), minute(m).plusMillis(59_999));
        }
        assertThat(f.drain()).isEmpty();
        for (int m = 60; m < 80; m++) {
            f.pipe(Fixture.window("checkout", SliScope.SERVICE, null, minute(m), 1000, 0, slowish), minute(m).plusMillis(59_999));
        }
        // Half the requests with a latency are over 300 ms: 50x the 1% budget; over 1h that reaches
        // the page's 14.4x after 14.4% / 50% x 60 min = 17.3 minutes.
        List<Alert> fired = f.drain();
        assertThat(fired).filteredOn(a -> "1h".equals(a.getLabels().get("long_window"))).singleElement().satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.getShortBurnRate()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(Duration.between(minute(60), a.getStartsAt()).toSeconds() / 60.0).isBetween(16.3, 18.3);
        });
    }

    @Test
    void regionWindowsAndZeroTrafficNeverAlert() {
        f.define(availability("checkout-availability", null, Map.of()));
        for (int m = 0; m < 60; m++) {
            f.pipe(SliWindow.newBuilder(Fixture.window("checkout", SliScope.REGION, null, minute(m), 1000, 1000, List.of())).setRegion("eu-west-1")
                    .build(), minute(m).plusMillis(59_999));
            f.service("checkout", minute(m), 0, 0, minute(m).plusMillis(59_999));
        }
        assertThat(f.drain()).isEmpty();
        assertThat(wait(Duration.ofMinutes(15))).as("an SLO that never had traffic has no no-data alert").isEmpty();
    }

    @Test
    void theMinimumEventsGuardKeepsLowTrafficQuiet() {
        f.define(availability("checkout-availability", null, Map.of()));
        traffic(0, 30, 1, 1);
        assertThat(f.drain()).as("30 failed requests are under the default minimum of 100 events").isEmpty();
        Slo lowTraffic = availability("checkout-availability", null, Map.of());
        f.define(new Slo(lowTraffic.id(), lowTraffic.service(), null, lowTraffic.sli(), null, lowTraffic.target(), lowTraffic.period(), null,
                null, Map.of(), null, 20L, null, List.of(), "test", T));
        traffic(30, 31, 1, 1);
        assertThat(names(f.drain())).contains("SLOBurnRate:1h:FIRING");
    }

    @Test
    void impossibleWindowsAreDeadLetteredAndProcessingGoesOn() {
        f.define(availability("checkout-availability", null, Map.of()));
        SliWindow bad = Fixture.window("checkout", SliScope.SERVICE, null, minute(0), 10, 20, List.of());
        f.pipe(bad, minute(0).plusSeconds(30));
        List<DeadLetter> letters = f.deadLetters.readValuesToList();
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.INVALID_VALUE);
            assertThat(d.getMessage()).contains("availabilityErrors (20) <= total (10)");
            assertThat(d.getApp()).isEqualTo("alerting");
            assertThat(d.getSourceTopic()).isEqualTo("sli-1m");
            assertThat(d.getRaw().remaining()).isPositive();
        });
        traffic(0, 60, 1000, 0);
        traffic(60, 62, 1000, 1000);
        assertThat(names(f.drain())).contains("SLOBurnRate:1h:FIRING");
    }

    @Test
    void aFinalRecordWithTheSameCountsChangesNothing() {
        f.define(availability("checkout-availability", null, Map.of()));
        traffic(0, 60, 1000, 0);
        traffic(60, 62, 1000, 1000);
        List<Alert> first = f.drain();
        assertThat(first).isNotEmpty();
        // The aggregator's final records after grace repeat the last snapshots of those minutes.
        for (int m = 58; m < 62; m++) {
            SliWindow w = SliWindow.newBuilder(Fixture.window("checkout", SliScope.SERVICE, null, minute(m), 1000, m >= 60 ? 1000 : 0, List.of()))
                    .setFinal$(true).build();
            f.pipe(w, minute(m).plusMillis(59_999));
        }
        assertThat(f.drain()).isEmpty();
    }
}
