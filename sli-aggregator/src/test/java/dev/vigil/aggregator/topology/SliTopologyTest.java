package dev.vigil.aggregator.topology;

import static dev.vigil.aggregator.TestEvents.event;
import static dev.vigil.aggregator.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.aggregator.sli.SliAccumulator;
import dev.vigil.aggregator.sli.SliKey;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;

class SliTopologyTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    private static Instant at(String offset) {
        return T0.plus(Duration.parse("PT" + offset));
    }

    private SliAccumulator minute(SliKey key, Instant windowStart) {
        byte[] v = h.minutes().fetch(Bytes.wrap(key.toBytes()), windowStart.toEpochMilli());
        return v == null ? null : SliAccumulator.fromBytes(v);
    }

    @Test
    void aMinuteWindowHoldsExactlyTheEventsOfItsMinute() {
        h.send(event("checkout", T0.minusMillis(1), 200, 10));
        h.send(event("checkout", T0, 200, 10));
        h.send(event("checkout", at("59.999S"), 500, 10));
        h.send(event("checkout", at("1M"), 200, 10));

        SliKey service = SliKey.service("checkout");
        assertThat(minute(service, T0.minusSeconds(60)).total()).isEqualTo(1);
        SliAccumulator first = minute(service, T0);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.availabilityErrors()).isEqualTo(1);
        assertThat(minute(service, at("1M")).total()).isEqualTo(1);
    }

    @Test
    void publishesUpdatesWhileAWindowFillsAtMostOncePerIntervalPerKey() {
        for (int i = 0; i < 5; i++) {
            h.send(event("checkout", "GET /carts/{id}", "eu-west-1", at(i + "S"), 200, 10.0 + i));
        }
        List<SliWindow> first = h.tick();
        // One update per key (service, endpoint, region), however many events changed it.
        assertThat(first).hasSize(3);
        assertThat(first).extracting(SliWindow::getScope).containsExactlyInAnyOrder(SliScope.SERVICE, SliScope.ENDPOINT, SliScope.REGION);
        assertThat(first).allSatisfy(w -> {
            assertThat(w.getTotal()).isEqualTo(5);
            assertThat(w.getFinal$()).isFalse();
            assertThat(w.getWindowStart()).isEqualTo(T0);
            assertThat(w.getWindowEnd()).isEqualTo(at("1M"));
            assertThat(w.getLatencyMinMs()).isEqualTo(10.0);
            assertThat(w.getLatencyMaxMs()).isEqualTo(14.0);
        });

        assertThat(h.tick()).as("nothing changed, nothing published").isEmpty();

        h.send(event("checkout", "GET /carts/{id}", null, at("30S"), 503, 99.0));
        List<SliWindow> second = h.tick();
        // The event has no region: the region window did not change.
        assertThat(second).extracting(SliWindow::getScope).containsExactlyInAnyOrder(SliScope.SERVICE, SliScope.ENDPOINT);
        assertThat(second).allSatisfy(w -> {
            assertThat(w.getTotal()).isEqualTo(6);
            assertThat(w.getAvailabilityErrors()).isEqualTo(1);
            assertThat(w.getCount5xx()).isEqualTo(1);
        });
    }

    @Test
    void recordsAreKeyedByServiceAndStampedWithTheWindowStart() {
        h.send(event("checkout", at("10S"), 200, 1));
        h.send(event("search", at("70S"), 200, 1));
        h.driver.advanceWallClockTime(h.settings.emitInterval());
        List<TestRecord<String, SliWindow>> records = h.windows.readRecordsToList();
        assertThat(records).isNotEmpty().allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getService());
            assertThat(r.getRecordTime()).isEqualTo(r.value().getWindowStart());
        });
    }

    @Test
    void publishesOneFinalRecordOnceGraceHasPassedAndCountsLaterEventsAsLate() {
        h.send(event("checkout", at("10S"), 200, 5));
        h.tick();
        // Stream time 10:02:59.999: the 10:00 window (end 10:01, grace 2m) is still open.
        h.send(event("checkout", at("2M59.999S"), 200, 5));
        h.send(event("checkout", at("50S"), 500, 5));
        List<SliWindow> stillOpen = h.tick();
        assertThat(stillOpen).filteredOn(w -> w.getWindowStart().equals(T0)).hasSize(2)
                .allSatisfy(w -> assertThat(w.getFinal$()).isFalse())
                .allSatisfy(w -> assertThat(w.getTotal()).isEqualTo(2));
        assertThat(h.observer.late).isEmpty();

        // Stream time reaches 10:03:00 = end + grace: the 10:00 window closes.
        h.send(event("checkout", at("3M"), 200, 5));
        List<SliWindow> closing = h.tick();
        List<SliWindow> finals = closing.stream().filter(SliWindow::getFinal$).toList();
        assertThat(finals).hasSize(2).allSatisfy(w -> {
            assertThat(w.getWindowStart()).isEqualTo(T0);
            assertThat(w.getTotal()).isEqualTo(2);
            assertThat(w.getAvailabilityErrors()).isEqualTo(1);
        });
        // The 10:02 window did not change since its last update; the 10:03 one is new.
        assertThat(closing).filteredOn(w -> !w.getFinal$()).extracting(SliWindow::getWindowStart).containsOnly(at("3M"));

        // Now an event for 10:00 is late: counted, not aggregated, and nothing follows the final record.
        h.send(event("checkout", at("20S"), 200, 5));
        assertThat(h.observer.late).containsExactly("checkout");
        assertThat(minute(SliKey.service("checkout"), T0).total()).isEqualTo(2);
        assertThat(h.tick()).isEmpty();
        assertThat(h.tick()).isEmpty();
        assertThat(h.observer.finals).isEqualTo(2);
    }

    @Test
    void aWindowThatClosesBeforeItIsPublishedGetsOnlyItsFinalRecord() {
        h.send(event("checkout", at("10S"), 200, 5));
        h.send(event("checkout", at("4M"), 200, 5));
        List<SliWindow> published = h.tick();
        assertThat(published).filteredOn(w -> w.getWindowStart().equals(T0)).hasSize(2).allSatisfy(w -> assertThat(w.getFinal$()).isTrue());
    }

    @Test
    void rollsMinutesUpIntoHours() {
        // In-memory stores: the driver commits (and RocksDB flushes) after every record, which makes thousands slow.
        try (Harness mem = new Harness(AggregationSettings.defaults().withStores(AggregationSettings.StoreKind.IN_MEMORY),
                T0.plus(Duration.ofHours(3)))) {
            rollsMinutesUpIntoHours(mem);
        }
    }

    private static void rollsMinutesUpIntoHours(Harness h) {
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 3_000; i++) {
            // In order, over two hours and a bit: 10:00 to 12:20.
            Instant t = T0.plusMillis(i * 2_800L + r.nextInt(1_000));
            h.send(event("checkout", r.nextBoolean() ? "GET /a" : "POST /b", "eu-west-1", t, r.nextInt(10) == 0 ? 500 : 200,
                    r.nextDouble() * 100));
        }
        for (SliKey key : List.of(SliKey.service("checkout"), SliKey.endpoint("checkout", "GET /a"), SliKey.region("checkout", "eu-west-1"))) {
            for (int hour = 0; hour < 3; hour++) {
                Instant start = T0.plus(Duration.ofHours(hour));
                SliAccumulator fromMinutes = SliAccumulator.empty();
                try (var it = h.minutes().fetch(Bytes.wrap(key.toBytes()), start, start.plus(Duration.ofMinutes(59)))) {
                    it.forEachRemaining(kv -> fromMinutes.mergeEncoded(kv.value));
                }
                SliAccumulator rollup = SliAccumulator.fromBytes(h.hours().fetch(Bytes.wrap(key.toBytes()), start.toEpochMilli()));
                assertThat(rollup.total()).isPositive();
                // Equal but for the order of floating-point additions in the sum.
                assertThat(rollup.stats()).as("%s hour %d", key, hour).usingRecursiveComparison()
                        .withComparatorForFields((Double a, Double b) -> Math.abs(a - b) < 1e-9 * Math.abs(a) ? 0 : 1, "meanMs")
                        .isEqualTo(fromMinutes.stats());
            }
        }
    }

    @Test
    void keepsARegionWindowOnlyWhenTheRegionIsKnown() {
        h.send(event("checkout", "GET /a", null, at("1S"), 200, 1.0));
        h.send(event("checkout", "GET /a", " ", at("2S"), 200, 1.0));
        h.send(event("checkout", "GET /a", "us-east-1", at("3S"), 200, 1.0));
        assertThat(minute(SliKey.service("checkout"), T0).total()).isEqualTo(3);
        assertThat(minute(SliKey.endpoint("checkout", "GET /a"), T0).total()).isEqualTo(3);
        assertThat(minute(SliKey.region("checkout", "us-east-1"), T0).total()).isEqualTo(1);
    }

    @Test
    void deadLettersEventsItCannotAggregateAndCountsNothingFromThem() {
        RequestEvent ok = event("checkout", at("1S"), 200, 1);
        h.events.pipeInput("search", ok, ok.getTimestamp());
        // The clock reads T0 + 5m; more than 15m ahead is the future.
        h.send(event("checkout", at("21M"), 200, 1));
        h.events.pipeInput("checkout", null, at("2S"));
        h.send(event("bad\0service", at("3S"), 200, 1));

        List<TestRecord<String, DeadLetter>> letters = h.deadLetters.readRecordsToList();
        Map<DeadLetterReason, Long> reasons = letters.stream().collect(Collectors.groupingBy(r -> r.value().getReason(), Collectors.counting()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(DeadLetterReason.INVALID_VALUE, 2L,
                DeadLetterReason.FUTURE_TIMESTAMP, 1L, DeadLetterReason.MISSING_FIELD, 1L));
        assertThat(letters).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("request-events");
            assertThat(r.value().getApp()).isEqualTo("sli-aggregator");
            assertThat(r.value().getSourceTopic()).isEqualTo("request-events");
            assertThat(r.value().getSourceOffset()).isNotNegative();
        });
        assertThat(letters.get(0).value().getMessage()).contains("'search'").contains("'checkout'");
        assertThat(letters.get(0).value().getRawSize()).isPositive();
        assertThat(h.observer.deadLetters).containsEntry(DeadLetterReason.FUTURE_TIMESTAMP, 1);
        try (var services = h.services().all()) {
            assertThat(services.hasNext()).isFalse();
        }
        assertThat(h.tick()).isEmpty();

        // The future event did not move stream time: an event of 10:00 still counts.
        h.send(event("checkout", at("30S"), 200, 1));
        assertThat(h.observer.late).isEmpty();
        assertThat(minute(SliKey.service("checkout"), T0).total()).isEqualTo(1);
    }

    @Test
    void remembersWhenEachServiceWasLastSeen() {
        h.send(event("checkout", at("10S"), 200, 1));
        h.send(event("checkout", at("40S"), 200, 1));
        h.send(event("checkout", at("30S"), 200, 1));
        h.send(event("search", at("20S"), 200, 1));
        assertThat(h.reader().lastSeen("checkout")).contains(at("40S"));
        assertThat(h.reader().lastSeen("search")).contains(at("20S"));
        assertThat(h.reader().lastSeen("nope")).isEmpty();
    }
}
